import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ActionRegistry, defineAction } from '../../../activities/actions';
import { buildApp, type BuildAppOptions } from '../../../engine/app';
import type { AppServices } from '../../../engine/plugins/services';
import type { Database } from '../../../engine/db';
import { createApiKey } from '../../../engine/journeys';
import { testAccounts, testMail } from '../../support/messaging';

/** The email and SMS actions the journey fixtures use (the real ones come with the actions issue). */
export const fixtureActions = (): ActionRegistry =>
  new ActionRegistry(
    (['email', 'sms'] as const).map((id) =>
      defineAction({
        id,
        version: 1,
        label: id,
        description: `Test ${id}`,
        category: 'messaging',
        input: Type.Object(id === 'email' ? { templateId: Type.String() } : { body: Type.String() }),
        outputs: ['sent', 'failed'],
        run: async () => ({ outcome: 'sent' }),
      }),
    ),
  );

/**
 * The API over a real migrated database. Journey routes never call Temporal, so the client
 * is a lazy connection that is never opened.
 */
export async function journeyApp(db: Database, extra: Partial<Pick<AppServices, 'twilioCallback' | 'actions' | 'mail' | 'accounts'>> = {}, options: Pick<BuildAppOptions, 'rateLimit' | 'logger'> = {}): Promise<FastifyInstance> {
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  return buildApp({
    services: {
      db,
      actions: fixtureActions(),
      unsubscribeSecret: testMail().unsubscribeSecret,
      mail: testMail(),
      accounts: testAccounts(),
      ...extra,
      temporal: { client: new Client({ connection }), connection, address: '127.0.0.1:1', namespace: 'default', taskQueue: 'unused' },
    },
    serveUi: false,
    ...options,
  });
}

let counter = 0;
export async function workspaceWithKey(db: Database): Promise<{ workspaceId: string; key: string }> {
  counter += 1;
  const workspace = await db.prisma.workspace.create({ data: { name: `Shop ${counter}`, slug: `shop-${counter}` } });
  const { key } = await createApiKey(db.prisma, workspace.id, 'ci');
  return { workspaceId: workspace.id, key };
}
