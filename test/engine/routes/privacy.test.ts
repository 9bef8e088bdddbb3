import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';
import { contactIdTables, populatedContact, rowsReferencing } from '../privacy/fixture';

interface ExportBody {
  workspaceId: string;
  contactId: string;
  tables: Record<string, unknown>;
}
interface ErrorReply {
  error: { code: string; field?: string };
}

describe.each(databaseKinds)('/v1/contacts/:contactId/export and /erase (%s)', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let mine: { workspaceId: string; key: string };
  let theirs: { workspaceId: string; key: string };
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    // Its Temporal client is never dialled: these contacts run no journeys (the 503 is tested on the service).
    app = await journeyApp(database.db);
    mine = await workspaceWithKey(database.db);
    theirs = await workspaceWithKey(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  /** `key` null sends no Authorization header at all. */
  const call = (method: 'GET' | 'POST', url: string, key: string | null = mine.key) => app.inject({ method, url, headers: key === null ? {} : { authorization: `Bearer ${key}` } });
  const failure = (response: { statusCode: number; json<T>(): T }) => ({ status: response.statusCode, ...response.json<ErrorReply>().error });

  it('exports every table with a contact_id as a JSON document', async () => {
    const erin = await populatedContact(database.db, mine.workspaceId);
    const response = await call('GET', `/v1/contacts/${erin.contactId}/export`);
    expect(response.statusCode).toBe(200);
    const body = response.json<ExportBody>();
    expect(body).toMatchObject({ workspaceId: mine.workspaceId, contactId: erin.contactId, tables: { contact: { id: erin.contactId, email: erin.email } } });
    const empty = (await contactIdTables(database.db)).filter((table) => {
      const section = body.tables[table];
      return !Array.isArray(section) || section.length === 0;
    });
    expect(empty).toEqual([]);
    expect(body.tables.order).toEqual([expect.objectContaining({ amount: '42', currency: 'USD' })]);
  });

  it('erases a contact and reports what was done; it is gone afterwards', async () => {
    const erin = await populatedContact(database.db, mine.workspaceId);
    const response = await call('POST', `/v1/contacts/${erin.contactId}/erase`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      contactId: erin.contactId,
      erasureId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      journeysCancelled: 0,
      suppressedChannels: ['email', 'sms'],
      segmentExitsAnnounced: 1,
      deleted: { contact: 1, consent: 1, event: 1, order: 1, communication: 1, journey_enrollment: 1, loyalty_account: 1 },
      traces: { anonymousEvents: 1, outboxEntries: 1, localOutboxMessages: 1 },
    });
    expect(await rowsReferencing(database.db, erin.contactId)).toEqual({});
    expect(failure(await call('GET', `/v1/contacts/${erin.contactId}/export`))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(failure(await call('POST', `/v1/contacts/${erin.contactId}/erase`))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await call('GET', `/v1/contacts/${erin.contactId}`)).statusCode).toBe(404);
  });

  it('needs an API key (401), answers 404 for another workspace’s contact and 400 for a malformed id', async () => {
    const erin = await populatedContact(database.db, mine.workspaceId);
    for (const [method, path] of [['GET', 'export'], ['POST', 'erase']] as const) {
      const url = `/v1/contacts/${erin.contactId}/${path}`;
      expect(failure(await call(method, url, null))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
      expect(failure(await call(method, url, 'je_not-a-key'))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
      expect(failure(await call(method, url, theirs.key))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(failure(await call(method, `/v1/contacts/not-a-uuid/${path}`))).toMatchObject({ status: 400, field: 'params.contactId' });
    }
    expect(await database.db.prisma.contact.count({ where: { id: erin.contactId } })).toBe(1);
  });
});
