import { Client, Connection } from '@temporalio/client';
import { createActionRegistry } from '../activities/actions';
import { accountServicesOf } from './accounts';
import { buildApp } from './app';
import { IN_MEMORY, openDatabase } from './db';

/**
 * The API's OpenAPI document, generated from the route schemas exactly as the running app
 * serves it at /docs/json. The app is built over an in-memory database and a Temporal
 * connection that is never opened: generating the document calls neither.
 *
 * docs/openapi.json is this document, committed; test/docs/openapi.test.ts fails when it is
 * stale (`npm run openapi` rewrites it).
 */
export async function openApiDocument(): Promise<string> {
  const db = await openDatabase({ kind: 'pglite', dataDir: IN_MEMORY });
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  const app = await buildApp({
    services: {
      db,
      actions: createActionRegistry(),
      unsubscribeSecret: 'openapi-document-generation-only-0000',
      mail: { from: 'openapi@localhost', domain: 'localhost', publicUrl: 'http://127.0.0.1:3000', unsubscribeSecret: 'openapi-document-generation-only-0000', preferenceLinkDays: 30, confirmationLinkDays: 7 },
      accounts: accountServicesOf({ owner: undefined, sessionSecret: undefined, sessionIdleMinutes: 720, sessionMaxHours: 168, invitationDays: 7 }, 'http://127.0.0.1:3000', 'openapi-document-generation-only-0000', undefined),
      temporal: { client: new Client({ connection }), connection, address: '127.0.0.1:1', namespace: 'default', taskQueue: 'journeys' },
    },
    serveUi: false,
    rateLimit: { perMinute: 0 },
  });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
    await db.close();
  }
}

/** The built-in actions exactly as GET /v1/actions serves them (custom actions aside): docs/action-catalog.json. */
export function actionCatalogDocument(): string {
  return `${JSON.stringify({ actions: createActionRegistry().catalog() }, null, 2)}\n`;
}
