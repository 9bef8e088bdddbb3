import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { createActionRegistry } from '../../activities/actions';
import { createMailDeps } from '../../activities/mail';
import { buildApp } from '../../engine/app';
import type { Database } from '../../engine/db';

const SECRET = 'bench-secret-of-at-least-32-characters-long';

/**
 * The engine's HTTP app as `npm start` builds it, over the benchmark's database: every plugin
 * and hook (rate limit, API key, audit) stays on. Ingestion never calls Temporal, so the
 * client is a lazy connection that is never opened. The rate limit stays in the path with a
 * budget the load cannot reach: its bookkeeping is part of the cost of a request, its 429s
 * would not be.
 */
export async function engineApp(db: Database): Promise<FastifyInstance> {
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  const mail = createMailDeps({ from: 'Roastery <hello@roastery.test>', domain: 'roastery.test', publicUrl: 'http://127.0.0.1:3000', unsubscribeSecret: SECRET, preferenceLinkDays: 30, confirmationLinkDays: 7, smtpUrl: undefined });
  return buildApp({
    services: {
      db,
      actions: createActionRegistry(),
      unsubscribeSecret: SECRET,
      mail,
      accounts: { secret: SECRET, secureCookies: false, sessionPolicy: { idleMs: 3_600_000, maxAgeMs: 86_400_000 }, invitationDays: 7, printLink: undefined },
      temporal: { client: new Client({ connection }), connection, address: '127.0.0.1:1', namespace: 'default', taskQueue: 'unused' },
    },
    logger: false,
    serveUi: false,
    rateLimit: { perMinute: 1_000_000_000 },
  });
}
