import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { openMigratedDatabase } from '../../support/database';
import { orderFollowUp } from '../journey/fixtures';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

/**
 * JSON bodies are taken as sent: a value of the wrong type is refused (never coerced into
 * shape and stored), and an unknown property is named. Query strings still coerce.
 */
describe('request bodies are validated without type coercion', () => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let mine: { workspaceId: string; key: string };
  beforeAll(async () => {
    database = await openMigratedDatabase('pglite');
    app = await journeyApp(database.db);
    mine = await workspaceWithKey(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const send = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${mine.key}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
  const failure = (response: { statusCode: number; json<T>(): T }) => ({ status: response.statusCode, ...response.json<{ error: { code: string; message: string; field?: string } }>().error });
  const prisma = () => database.db.prisma;
  const contactsNamed = (email: string) => prisma().contact.count({ where: { workspaceId: mine.workspaceId, email } });

  it('POST /v1/track refuses a number as the event name, and stores nothing', async () => {
    expect(failure(await send('POST', '/v1/track', { email: 'num@example.com', name: 123 }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.name', message: expect.stringContaining('body.name must be string') });
    expect(await prisma().event.count({ where: { workspaceId: mine.workspaceId } })).toBe(0);
    expect(await contactsNamed('num@example.com')).toBe(0);
  });

  it('PUT /v1/contacts refuses a string where tags are a list, and stores nothing', async () => {
    expect(failure(await send('PUT', '/v1/contacts', { email: 'vip@example.com', tags: 'vip' }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.tags', message: expect.stringContaining('must be array') });
    expect(await contactsNamed('vip@example.com')).toBe(0);
  });

  it('PUT /v1/journeys/drafts refuses nodes that are not a list, and saves no journey', async () => {
    expect(failure(await send('PUT', '/v1/journeys/drafts', { ...orderFollowUp(), name: 'Coerced', nodes: 'none' }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.nodes' });
    expect(await prisma().journey.count({ where: { workspaceId: mine.workspaceId } })).toBe(0);
  });

  it('POST /v1/identify does not take false for null (it would have cleared the name)', async () => {
    expect((await send('POST', '/v1/identify', { email: 'ada@example.com', firstName: 'Ada' })).statusCode).toBe(200);
    expect(failure(await send('POST', '/v1/identify', { email: 'ada@example.com', firstName: false }))).toMatchObject({ status: 400, field: 'body.firstName' });
    expect(await prisma().contact.findFirstOrThrow({ where: { workspaceId: mine.workspaceId, email: 'ada@example.com' } })).toMatchObject({ firstName: 'Ada' });
  });

  it('names an unknown property, at the top and nested, in the field and the message', async () => {
    expect(failure(await send('POST', '/v1/track', { email: 'ada@example.com', name: 'Viewed Product', nmae: 'typo' }))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.nmae',
      message: 'The request is invalid: body.nmae is not an accepted field',
      requestId: expect.any(String),
    });
    const nested = { externalId: 'o-1', contact: { emial: 'ada@example.com' }, status: 'paid', currency: 'USD', amount: 1, placedAt: new Date().toISOString() };
    expect(failure(await send('POST', '/v1/orders', nested))).toMatchObject({ status: 400, field: 'body.contact.emial', message: expect.stringContaining('body.contact.emial is not an accepted field') });
  });

  it('names a missing property once, in the field and the message', async () => {
    expect(failure(await send('POST', '/v1/track', { email: 'ada@example.com' }))).toMatchObject({
      status: 400,
      field: 'body.name',
      message: 'The request is invalid: body.name is required',
    });
  });

  it('still coerces query strings', async () => {
    const page = await send('GET', '/v1/contacts?limit=10');
    expect(page.statusCode).toBe(200);
  });
});
