import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';
import { publishedJourney } from './published-journey';

interface Template {
  id: string;
  name: string;
  channel: string;
  subject: string | null;
  body: string;
  textBody: string | null;
}
interface ErrorReply {
  error: { code: string; message: string; field?: string };
}

const welcome = { name: 'Welcome', channel: 'email', subject: 'Hi {{ contact.firstName }}', body: '<p>Welcome, {{ contact.firstName | default: "friend" }}!</p>', textBody: 'Welcome, {{ contact.firstName }}!' };
const reminder = { name: 'Cart reminder', channel: 'sms', body: '  Your cart is waiting, {{ contact.firstName }}.  ' };

describe.each(databaseKinds)('/v1/templates (%s)', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let mine: { workspaceId: string; key: string };
  let theirs: { workspaceId: string; key: string };
  let ada: string;
  let eve: string;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    mine = await workspaceWithKey(database.db);
    theirs = await workspaceWithKey(database.db);
    ada = (await database.db.prisma.contact.create({ data: { workspaceId: mine.workspaceId, email: 'ada@example.com', firstName: 'Ada', phone: '+4915112345678' } })).id;
    eve = (await database.db.prisma.contact.create({ data: { workspaceId: theirs.workspaceId, email: 'eve@example.com', firstName: 'Eve' } })).id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** `key` null sends no Authorization header at all. */
  const call = (method: Method, url: string, payload?: unknown, key: string | null = mine.key) =>
    app.inject({ method, url, headers: { ...(key !== null && { authorization: `Bearer ${key}` }), ...(payload !== undefined && { 'content-type': 'application/json' }) }, ...(payload !== undefined && { payload: JSON.stringify(payload) }) });
  const create = async (body: Record<string, unknown>): Promise<Template> => {
    const response = await call('POST', '/v1/templates', body);
    expect(response.statusCode).toBe(201);
    return response.json<Template>();
  };
  const errorOf = (response: { statusCode: number; json<T>(): T }) => ({ status: response.statusCode, ...response.json<ErrorReply>().error });

  it('creates, reads, lists a page at a time (optionally by channel), replaces and deletes templates', async () => {
    const email = await create(welcome);
    expect(email).toMatchObject({ ...welcome, id: expect.any(String) });
    const sms = await create(reminder);
    expect(sms).toMatchObject({ channel: 'sms', subject: null, textBody: null });
    expect((await call('GET', `/v1/templates/${email.id}`)).json()).toEqual(email);

    const first = await call('GET', '/v1/templates?limit=1');
    const firstPage = first.json<{ templates: Template[]; nextCursor: string | null }>();
    expect(firstPage.templates).toHaveLength(1);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    const second = (await call('GET', `/v1/templates?limit=1&cursor=${firstPage.nextCursor}`)).json<{ templates: Template[]; nextCursor: string | null }>();
    expect(second.templates).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([...firstPage.templates, ...second.templates].map((template) => template.id).sort()).toEqual([email.id, sms.id].sort());
    expect((await call('GET', '/v1/templates?channel=sms')).json<{ templates: Template[] }>().templates.map((template) => template.id)).toEqual([sms.id]);
    expect(errorOf(await call('GET', '/v1/templates?cursor=nonsense'))).toMatchObject({ status: 400, field: 'querystring.cursor' });

    const replaced = await call('PUT', `/v1/templates/${email.id}`, { ...welcome, subject: 'Hello {{ contact.firstName }}', textBody: null });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ id: email.id, subject: 'Hello {{ contact.firstName }}', textBody: null });

    expect((await call('DELETE', `/v1/templates/${sms.id}`)).statusCode).toBe(204);
    expect(errorOf(await call('GET', `/v1/templates/${sms.id}`))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(errorOf(await call('DELETE', `/v1/templates/${sms.id}`))).toMatchObject({ status: 404 });
    await call('DELETE', `/v1/templates/${email.id}`);
  });

  it('refuses a taken name with 409, on create and on replace', async () => {
    const first = await create({ ...welcome, name: 'Taken' });
    const other = await create({ ...welcome, name: 'Other' });
    expect(errorOf(await call('POST', '/v1/templates', { ...welcome, name: 'Taken' }))).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(errorOf(await call('PUT', `/v1/templates/${other.id}`, { ...welcome, name: 'Taken' }))).toMatchObject({ status: 409, code: 'CONFLICT' });
    // Names are unique per workspace only.
    expect((await call('POST', '/v1/templates', { ...welcome, name: 'Taken' }, theirs.key)).statusCode).toBe(201);
    for (const id of [first.id, other.id]) await call('DELETE', `/v1/templates/${id}`);
  });

  it('names the field at fault: subject rules, Liquid syntax with its line, schema errors', async () => {
    expect(errorOf(await call('POST', '/v1/templates', { ...welcome, subject: undefined }))).toMatchObject({ status: 422, code: 'TEMPLATE_INVALID', field: 'body.subject' });
    expect(errorOf(await call('POST', '/v1/templates', { ...reminder, subject: 'Hi' }))).toMatchObject({ status: 422, code: 'TEMPLATE_INVALID', field: 'body.subject' });
    expect(errorOf(await call('POST', '/v1/templates', { ...reminder, textBody: 'Hi' }))).toMatchObject({ status: 422, field: 'body.textBody' });
    const body = errorOf(await call('POST', '/v1/templates', { ...welcome, body: '<p>Hi</p>\n<p>{% if contact.firstName %}unclosed</p>' }));
    expect(body).toMatchObject({ status: 422, code: 'TEMPLATE_INVALID', field: 'body.body', message: expect.stringContaining('line 2') });
    expect(errorOf(await call('POST', '/v1/templates', { ...welcome, subject: 'Hi {{ contact.firstName ' }))).toMatchObject({ status: 422, field: 'body.subject', message: expect.stringContaining('line 1') });
    expect(errorOf(await call('POST', '/v1/templates', { ...welcome, textBody: 'a\nb\n{% nosuchtag %}' }))).toMatchObject({ status: 422, field: 'body.textBody', message: expect.stringContaining('line 3') });
    expect(errorOf(await call('POST', '/v1/templates', { name: 'No body', channel: 'email', subject: 'Hi' }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.body' });
    expect(errorOf(await call('POST', '/v1/templates', { ...welcome, channel: 'push' }))).toMatchObject({ status: 400, field: expect.stringMatching(/^body\.channel/) });
    const created = await create({ ...welcome, name: 'Valid' });
    expect(errorOf(await call('PUT', `/v1/templates/${created.id}`, { ...welcome, body: '{{ x' }))).toMatchObject({ status: 422, field: 'body.body' });
    expect((await call('GET', `/v1/templates/${created.id}`)).json()).toMatchObject({ body: welcome.body });
    expect(await database.db.prisma.messageTemplate.count({ where: { workspaceId: mine.workspaceId } })).toBe(1);
    await call('DELETE', `/v1/templates/${created.id}`);
  });

  it('needs an API key on every route', async () => {
    const id = randomUUID();
    for (const [method, url, payload] of [
      ['POST', '/v1/templates', welcome],
      ['GET', '/v1/templates', undefined],
      ['GET', `/v1/templates/${id}`, undefined],
      ['PUT', `/v1/templates/${id}`, welcome],
      ['DELETE', `/v1/templates/${id}`, undefined],
      ['POST', `/v1/templates/${id}/preview`, { contactId: ada }],
    ] as const) {
      expect(errorOf(await call(method, url, payload, null))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
      expect((await call(method, url, payload, 'je_wrong')).statusCode).toBe(401);
    }
  });

  it('shows and changes nothing of another workspace: 404 on every route', async () => {
    const template = await create({ ...welcome, name: 'Mine only' });
    const before = await database.db.prisma.messageTemplate.findUniqueOrThrow({ where: { id: template.id } });
    expect(errorOf(await call('GET', `/v1/templates/${template.id}`, undefined, theirs.key))).toMatchObject({ status: 404 });
    expect(errorOf(await call('PUT', `/v1/templates/${template.id}`, { ...welcome, name: 'Stolen' }, theirs.key))).toMatchObject({ status: 404 });
    expect(errorOf(await call('DELETE', `/v1/templates/${template.id}`, undefined, theirs.key))).toMatchObject({ status: 404 });
    expect(errorOf(await call('POST', `/v1/templates/${template.id}/preview`, { contactId: eve }, theirs.key))).toMatchObject({ status: 404 });
    const listed = await call('GET', '/v1/templates', undefined, theirs.key);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(template.id);
    expect(await database.db.prisma.messageTemplate.findUniqueOrThrow({ where: { id: template.id } })).toEqual(before);
    await call('DELETE', `/v1/templates/${template.id}`);
  });

  it('refuses to delete a template a live journey sends, naming the journeys', async () => {
    const template = await create({ ...welcome, name: 'In use' });
    const send = { kind: 'action', config: { actionId: 'email', actionVersion: 1, input: { templateId: template.id, format: 'html', messageType: 'marketing' } } };
    await publishedJourney(database.db, mine.workspaceId, 'Welcome series', { send });
    await publishedJourney(database.db, mine.workspaceId, 'Paused series', { send }, 'paused');
    const refused = errorOf(await call('DELETE', `/v1/templates/${template.id}`));
    expect(refused).toMatchObject({ status: 409, code: 'CONFLICT', message: expect.stringContaining('"Paused series", "Welcome series"') });
    expect(await database.db.prisma.messageTemplate.count({ where: { id: template.id } })).toBe(1);

    // An archived journey no contact still runs does not hold the template.
    const archived = await create({ ...welcome, name: 'Old' });
    await publishedJourney(database.db, mine.workspaceId, 'Old series', { send: { ...send, config: { ...send.config, input: { templateId: archived.id } } } }, 'archived');
    expect((await call('DELETE', `/v1/templates/${archived.id}`)).statusCode).toBe(204);

    // A version replaced by a newer one that no longer sends it, and that nobody runs, does not.
    const replaced = await create({ ...welcome, name: 'Replaced' });
    const v1 = await publishedJourney(database.db, mine.workspaceId, 'Reworked series', { send: { ...send, config: { ...send.config, input: { templateId: replaced.id } } } });
    await database.db.prisma.journeyVersion.create({ data: { workspaceId: mine.workspaceId, journeyId: v1.journeyId, version: 2, graph: {}, plan: { nodes: {} }, publishedAt: new Date() } });
    expect((await call('DELETE', `/v1/templates/${replaced.id}`)).statusCode).toBe(204);

    // An archived journey whose version still has contacts running it does.
    const running = await create({ ...welcome, name: 'Still running' });
    const { journeyId, versionId } = await publishedJourney(database.db, mine.workspaceId, 'Winding down', { send: { ...send, config: { ...send.config, input: { templateId: running.id } } } }, 'archived');
    await database.db.prisma.journeyEnrollment.create({ data: { workspaceId: mine.workspaceId, journeyId, journeyVersionId: versionId, contactId: ada, workflowId: `wf-${journeyId}`, runId: randomUUID() } });
    expect(errorOf(await call('DELETE', `/v1/templates/${running.id}`))).toMatchObject({ status: 409, message: expect.stringContaining('"Winding down"') });
  });

  it('previews an email for a contact as a send renders it: Liquid, generated text, unsubscribe link, sample event', async () => {
    const template = await create({ name: 'Order', channel: 'email', subject: 'Thanks, {{ contact.firstName }}', body: '<p>Your {{ event.properties.total }} order.</p><a href="{{ unsubscribe_url }}">Unsubscribe</a> <a href="{{ preferences_url }}">Preferences</a>' });
    const response = await call('POST', `/v1/templates/${template.id}/preview`, { contactId: ada, sampleEvent: { name: 'Order Completed', properties: { total: '42 EUR' } } });
    expect(response.statusCode).toBe(200);
    const preview = response.json<{ channel: string; subject: string; body: string; textBody: string }>();
    expect(preview).toMatchObject({ channel: 'email', subject: 'Thanks, Ada', body: expect.stringContaining('<p>Your 42 EUR order.</p>') });
    expect(preview.body).toMatch(/href="http:\/\/localhost(:\d+)?\/unsubscribe\/[^"]+"/);
    // The link has the real shape but unsubscribes nobody: a preview must not act.
    const link = /href="http:\/\/localhost(?::\d+)?(\/unsubscribe\/[^"]+)"/.exec(preview.body)?.[1] ?? '';
    expect((await app.inject({ method: 'POST', url: link })).statusCode).toBe(404);
    // So has the preference center link: it opens no one's preferences.
    const preferences = /href="http:\/\/localhost(?::\d+)?(\/preferences\/[^"]+)"/.exec(preview.body)?.[1] ?? '';
    expect(preferences).not.toBe('');
    expect((await app.inject({ method: 'GET', url: preferences })).statusCode).toBe(404);
    expect(preview.textBody).toContain('Your 42 EUR order.');
    const transactional = (await call('POST', `/v1/templates/${template.id}/preview`, { contactId: ada, messageType: 'transactional' })).json<{ body: string }>();
    expect(transactional.body).toContain('href=""');
    expect(transactional.body).not.toContain('/preferences/');

    const mjml = await create({ name: 'MJML', channel: 'email', subject: 'Hi', body: '<mjml><mj-body><mj-section><mj-column><mj-text>Hello {{ contact.firstName }}</mj-text></mj-column></mj-section></mj-body></mjml>' });
    const compiled = (await call('POST', `/v1/templates/${mjml.id}/preview`, { contactId: ada, format: 'mjml' })).json<{ body: string }>();
    expect(compiled.body).toContain('Hello Ada');
    expect(compiled.body).toContain('<!doctype html>');
    // Nothing was sent or recorded.
    expect(await database.db.prisma.communication.count({ where: { workspaceId: mine.workspaceId } })).toBe(0);
    expect(await database.db.prisma.localOutboxMessage.count({ where: { workspaceId: mine.workspaceId } })).toBe(0);
  });

  it('previews an SMS trimmed, as the SMS action sends it', async () => {
    const template = await create({ ...reminder, name: 'SMS preview' });
    expect((await call('POST', `/v1/templates/${template.id}/preview`, { contactId: ada })).json()).toEqual({ channel: 'sms', subject: null, body: 'Your cart is waiting, Ada.', textBody: null });
  });

  it('answers 404 for a contact of another workspace, and 422 naming the field and line of a render error; sandbox limits hold', async () => {
    const template = await create({ ...welcome, name: 'Preview errors' });
    expect(errorOf(await call('POST', `/v1/templates/${template.id}/preview`, { contactId: eve }))).toMatchObject({ status: 404, message: expect.stringContaining(eve) });
    expect(errorOf(await call('POST', `/v1/templates/${template.id}/preview`, { contactId: 'not-a-uuid' }))).toMatchObject({ status: 400, field: 'body.contactId' });

    // Both parse, so they save; the sandbox refuses them when rendering, as it would when sending.
    const include = await create({ ...welcome, name: 'Reads a file', textBody: 'Hello\n{% include "/etc/passwd" %}' });
    expect(errorOf(await call('POST', `/v1/templates/${include.id}/preview`, { contactId: ada }))).toMatchObject({ status: 422, code: 'TEMPLATE_INVALID', field: 'template.textBody', message: expect.stringContaining('line 2') });
    const loop = await create({ ...welcome, name: 'Loops forever', body: '{% for i in (1..100000000) %}{{ i }}{% endfor %}' });
    expect(errorOf(await call('POST', `/v1/templates/${loop.id}/preview`, { contactId: ada }))).toMatchObject({ status: 422, field: 'template.body', message: expect.stringContaining('limit') });
    const subject = await create({ ...welcome, name: 'Bad subject', subject: '{% render "x" %}' });
    expect(errorOf(await call('POST', `/v1/templates/${subject.id}/preview`, { contactId: ada }))).toMatchObject({ status: 422, field: 'template.subject' });
    const badMjml = await create({ ...welcome, name: 'Bad MJML', body: '<mjml><mj-body><mj-nonsense/></mj-body></mjml>' });
    expect(errorOf(await call('POST', `/v1/templates/${badMjml.id}/preview`, { contactId: ada, format: 'mjml' }))).toMatchObject({ status: 422, field: 'template.body', message: expect.stringContaining('line 1') });
  });
});
