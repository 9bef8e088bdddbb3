import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { newToken } from '../../../engine/accounts/tokens';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { addPerson, as, cookiesOf, GOOD_PASSWORD, type Browser } from '../../support/people';
import { journeyApp } from '../journeys/test-app';

const LINK = /http:\/\/127\.0\.0\.1:3000\/invitations\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;
const INVITEE_PASSWORD = 'plum orchard lantern quietly';
const FORM_PASSWORD = 'violet harbour compass drifting';
const NEW_PASSWORD = 'granite meadow whistle tumbling';
const WRONG_PASSWORD = 'definitely not the password 42';

/**
 * Everything a person does that carries a secret (a password, a session cookie, a CSRF token,
 * an API key, an invitation or setup link), run through an app whose logger writes to memory
 * at its most talkative level: none of the secrets may appear in what was logged.
 */
describe.each(databaseKinds)('request logs of the accounts flows (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let app: FastifyInstance;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db, {}, { logger: { level: 'trace', stream: { write: (line: string) => lines.push(line) } } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('hold no password, cookie, CSRF token, API key, invitation or setup token, through sign-in to sign-out', async () => {
    const { prisma } = database.db;
    const secrets: string[] = [GOOD_PASSWORD, INVITEE_PASSWORD, FORM_PASSWORD, NEW_PASSWORD, WRONG_PASSWORD];
    /** Every cookie a reply sets, and its CSRF token when it has one, go on the list. */
    const remember = (response: LightMyRequestResponse): void => {
      for (const cookie of response.cookies) if (cookie.value !== '') secrets.push(cookie.value);
      const body: unknown = String(response.headers['content-type']).includes('json') ? response.json<unknown>() : undefined;
      if (typeof body === 'object' && body !== null && 'csrfToken' in body && typeof body.csrfToken === 'string') secrets.push(body.csrfToken);
    };
    const expectStatus = (response: LightMyRequestResponse, status: number): LightMyRequestResponse => {
      expect({ url: response.raw.req.url, status: response.statusCode }).toEqual({ url: response.raw.req.url, status });
      remember(response);
      return response;
    };
    const browserOf = (response: LightMyRequestResponse, previous = ''): Browser => ({ cookie: cookiesOf(response, previous), csrf: response.json<{ csrfToken: string }>().csrfToken });
    const linkOf = async (invitationId: string): Promise<string> => {
      const message = await prisma.localOutboxMessage.findFirstOrThrow({ where: { idempotencyKey: `invitation:${invitationId}` } });
      const token = LINK.exec(message.textBody ?? '')?.[1];
      if (token === undefined) throw new Error('no invitation link in the email');
      secrets.push(token);
      return token;
    };

    const workspace = await prisma.workspace.create({ data: { name: 'Roastery', slug: `logs-${kind}` } });
    const adminEmail = `admin-${kind}@logs.test`;
    await addPerson(database.db, workspace.id, 'admin', adminEmail);

    // A wrong password, then the right one.
    expectStatus(await app.inject({ method: 'POST', url: '/v1/session', payload: { email: adminEmail, password: WRONG_PASSWORD } }), 401);
    const signedIn = expectStatus(await app.inject({ method: 'POST', url: '/v1/session', payload: { email: adminEmail, password: GOOD_PASSWORD } }), 200);
    let admin = browserOf(signedIn);
    const session = expectStatus(await app.inject(as(admin, { method: 'GET', url: '/v1/session' })), 200);
    admin = browserOf(session, admin.cookie);

    // An API key, made by the admin and used.
    const created = expectStatus(await app.inject(as(admin, { method: 'POST', url: '/v1/api-keys', payload: { name: 'shop', scope: 'full' } })), 201);
    const { key, prefix } = created.json<{ key: string; prefix: string }>();
    secrets.push(key, key.slice(prefix.length));
    expectStatus(await app.inject({ method: 'GET', url: '/v1/contacts', headers: { authorization: `Bearer ${key}` } }), 200);
    expectStatus(await app.inject({ method: 'PUT', url: '/v1/contacts', headers: { authorization: `Bearer ${key}` }, payload: { email: `ann-${kind}@logs.test` } }), 201);

    // Two invitations: one accepted through the API, one through the HTML form.
    const invitee = `invitee-${kind}@logs.test`;
    const invited = expectStatus(await app.inject(as(admin, { method: 'POST', url: '/v1/invitations', payload: { email: invitee, role: 'editor' } })), 201);
    const token = await linkOf(invited.json<{ id: string }>().id);
    expectStatus(await app.inject({ method: 'GET', url: `/invitations/${token}` }), 200);
    expectStatus(await app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token, name: 'Ivy', password: 'short' } }), 400);
    const accepted = expectStatus(await app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token, name: 'Ivy', password: INVITEE_PASSWORD } }), 200);
    const ivy = browserOf(accepted);
    // A used link, tried again.
    expectStatus(await app.inject({ method: 'GET', url: `/invitations/${token}` }), 410);

    const formInvited = expectStatus(await app.inject(as(admin, { method: 'POST', url: '/v1/invitations', payload: { email: `form-${kind}@logs.test`, role: 'viewer' } })), 201);
    const formToken = await linkOf(formInvited.json<{ id: string }>().id);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expectStatus(await app.inject({ method: 'GET', url: `/invitations/${formToken}?utm_source=email` }), 200);
    expectStatus(await app.inject({ method: 'POST', url: `/invitations/${formToken}`, headers: form, payload: new URLSearchParams({ name: 'Fay', password: FORM_PASSWORD }).toString() }), 303);

    // The invitee changes their password: a wrong current one first.
    expectStatus(await app.inject(as(ivy, { method: 'PUT', url: '/v1/me/password', payload: { currentPassword: WRONG_PASSWORD, newPassword: NEW_PASSWORD } })), 400);
    expectStatus(await app.inject(as(ivy, { method: 'PUT', url: '/v1/me/password', payload: { currentPassword: INVITEE_PASSWORD, newPassword: NEW_PASSWORD } })), 200);

    // A setup link: a valid one (its page shows), and after that a made-up one.
    const setup = newToken();
    secrets.push(setup.token, 'made-up-setup-token-that-is-not-valid');
    await prisma.setupToken.upsert({ where: { id: 1 }, create: { id: 1, tokenHash: setup.hash }, update: { tokenHash: setup.hash } });
    expectStatus(await app.inject({ method: 'GET', url: `/setup?token=${setup.token}` }), 200);
    // Owners exist already: posting it is refused, the token in the body all the same.
    expectStatus(
      await app.inject({ method: 'POST', url: '/setup', headers: form, payload: new URLSearchParams({ token: setup.token, email: `owner-${kind}@logs.test`, name: 'Olga', password: GOOD_PASSWORD }).toString() }),
      410,
    );
    expectStatus(await app.inject({ method: 'GET', url: '/setup?lang=en&token=made-up-setup-token-that-is-not-valid' }), 410);

    // Signing out, and the spent cookie tried again.
    expectStatus(await app.inject(as(admin, { method: 'DELETE', url: '/v1/session' })), 204);
    expectStatus(await app.inject(as(admin, { method: 'GET', url: '/v1/session' })), 401);
    // A write without the CSRF token is refused (and logged as a refusal).
    expectStatus(await app.inject({ method: 'PUT', url: '/v1/me/password', headers: { cookie: ivy.cookie }, payload: { currentPassword: NEW_PASSWORD, newPassword: INVITEE_PASSWORD } }), 403);

    const logs = lines.join('');
    // The flow was logged: requests, with the token-bearing URLs in their redacted shape.
    expect(lines.length).toBeGreaterThan(40);
    expect(logs).toContain('incoming request');
    expect(logs).toContain('request completed');
    expect(logs).toContain('"url":"/invitations/[redacted]"');
    expect(logs).toContain('"url":"/invitations/[redacted]?utm_source=email"');
    expect(logs).toContain('"url":"/setup?token=[redacted]"');
    expect(logs).toContain('"url":"/setup?lang=en&token=[redacted]"');
    expect(logs).toContain('"url":"/v1/invitations/accept"');
    expect(logs).toContain('"url":"/v1/me/password"');

    expect(secrets.length).toBeGreaterThan(15);
    const leaked = [...new Set(secrets)].filter((secret) => logs.includes(secret));
    expect(leaked).toEqual([]);
  });
});
