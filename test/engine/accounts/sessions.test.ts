import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createHash } from 'node:crypto';
import { resolveSession, revokeSession, revokeUserSessions, listSessions, startSession, type SessionPolicy } from '../../../engine/accounts';
import { newToken } from '../../../engine/accounts/tokens';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { testAccounts } from '../../support/messaging';
import { addPerson, as, cookiesOf, GOOD_PASSWORD, signIn, type Browser } from '../../support/people';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

// Every sign-in and password change runs scrypt (N=2^17): well under a second each, but many add up.
jest.setTimeout(120_000);

interface ErrorReply {
  error: { code: string; message: string; field?: string; requestId: string };
}
interface WorkspaceView {
  id: string;
  name: string;
  slug: string;
  role: string;
}
interface SessionReply {
  user: { id: string; email: string; name: string; isOwner: boolean };
  workspace: WorkspaceView | null;
  workspaces: WorkspaceView[];
  csrfToken: string;
  expiresAt: string;
}
interface SessionListReply {
  sessions: { id: string; current: boolean; userAgent: string | null; clientAddress: string | null }[];
}

const errorOf = (response: LightMyRequestResponse): ErrorReply['error'] => response.json<ErrorReply>().error;
const cookieNamed = (response: LightMyRequestResponse, name: string) => response.cookies.find((cookie) => cookie.name === name);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Sessions made directly start at a fixed instant: every check below is relative to it. */
const T0 = new Date(Date.UTC(2024, 0, 15, 9, 0, 0));
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const META = { userAgent: 'jest', clientAddress: '192.0.2.1' };

describe.each(databaseKinds)('sessions (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let app: FastifyInstance;
  let workspaceId: string;
  let apiKey: string;
  let people = 0;

  /** A new person (each test its own, so no test sees another's sessions), with their email. */
  const person = async (role: 'admin' | 'editor' | 'viewer' = 'editor', options: { isOwner?: boolean; workspace?: string } = {}) => {
    people += 1;
    const email = `person${people}-${kind}@sessions.test`;
    const userId = await addPerson(database.db, options.workspace ?? workspaceId, role, email, options);
    return { email, userId };
  };
  let theOwner: Promise<{ email: string; userId: string }> | undefined;
  /** The instance owner (there is only one: a unique index says so), made on first use. */
  const owner = () => (theOwner ??= person('viewer', { isOwner: true }));
  const workspaceSettings = () => database.db.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true } });

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    ({ workspaceId, key: apiKey } = await workspaceWithKey(database.db));
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  describe('resolveSession', () => {
    const policy: SessionPolicy = { idleMs: 30 * MINUTE, maxAgeMs: 2 * HOUR };

    it('gives a valid token its principal, with the role in the session workspace; only the token hash is stored', async () => {
      const { email, userId } = await person('editor');
      const session = await startSession(database.db.prisma, userId, workspaceId, META, policy, T0);
      expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(session.expiresAt).toEqual(at(2 * HOUR));

      expect(await resolveSession(database.db.prisma, session.token, policy, at(MINUTE))).toEqual({ sessionId: session.sessionId, userId, email, isOwner: false, workspaceId, role: 'editor' });

      const row = await database.db.prisma.userSession.findUniqueOrThrow({ where: { id: session.sessionId } });
      expect(row.tokenHash).toBe(createHash('sha256').update(session.token).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(session.token);
      expect(row).toMatchObject({ userAgent: 'jest', clientAddress: '192.0.2.1', createdAt: T0, expiresAt: at(2 * HOUR), revokedAt: null });
      // The stored hash is not itself a token that signs in.
      expect(await resolveSession(database.db.prisma, row.tokenHash, policy, at(MINUTE))).toBeUndefined();
    });

    it('reads the role on every request: a changed role or a removed member takes effect at once; the owner is admin', async () => {
      const { userId } = await person('editor');
      const session = await startSession(database.db.prisma, userId, workspaceId, META, policy, T0);
      await database.db.prisma.membership.update({ where: { userId_workspaceId: { userId, workspaceId } }, data: { role: 'viewer' } });
      expect((await resolveSession(database.db.prisma, session.token, policy, at(MINUTE)))?.role).toBe('viewer');
      await database.db.prisma.membership.delete({ where: { userId_workspaceId: { userId, workspaceId } } });
      const removed = await resolveSession(database.db.prisma, session.token, policy, at(2 * MINUTE));
      expect(removed).toBeDefined();
      expect(removed?.role).toBeUndefined();

      const { userId: ownerId } = await owner();
      const ownerSession = await startSession(database.db.prisma, ownerId, workspaceId, META, policy, T0);
      expect(await resolveSession(database.db.prisma, ownerSession.token, policy, at(MINUTE))).toMatchObject({ isOwner: true, role: 'admin' });
      // Without a workspace nobody has a role, the owner neither.
      const nowhere = await startSession(database.db.prisma, ownerId, null, META, policy, T0);
      expect(await resolveSession(database.db.prisma, nowhere.token, policy, at(MINUTE))).toMatchObject({ workspaceId: null, role: undefined });
    });

    it('refuses a revoked session', async () => {
      const { userId } = await person();
      const session = await startSession(database.db.prisma, userId, workspaceId, META, policy, T0);
      const other = await startSession(database.db.prisma, userId, workspaceId, META, policy, T0);
      expect(await resolveSession(database.db.prisma, session.token, policy, at(MINUTE))).toBeDefined();
      await revokeSession(database.db.prisma, session.sessionId, at(2 * MINUTE));
      expect(await resolveSession(database.db.prisma, session.token, policy, at(3 * MINUTE))).toBeUndefined();
      // Revoking again keeps the first revocation time.
      await revokeSession(database.db.prisma, session.sessionId, at(4 * MINUTE));
      expect((await database.db.prisma.userSession.findUniqueOrThrow({ where: { id: session.sessionId } })).revokedAt).toEqual(at(2 * MINUTE));
      // Only that session.
      expect(await resolveSession(database.db.prisma, other.token, policy, at(3 * MINUTE))).toBeDefined();
    });

    it('refuses a session idle for the policy idle time, and not a moment before', async () => {
      const { userId } = await person();
      const almost = await startSession(database.db.prisma, userId, workspaceId, META, policy, T0);
      const idle = await startSession(database.db.prisma, userId, workspaceId, META, policy, T0);
      expect(await resolveSession(database.db.prisma, almost.token, policy, at(policy.idleMs - 1))).toBeDefined();
      expect(await resolveSession(database.db.prisma, idle.token, policy, at(policy.idleMs))).toBeUndefined();
      expect(await resolveSession(database.db.prisma, idle.token, policy, at(policy.idleMs + HOUR))).toBeUndefined();
      // Activity moves the idle clock: the first session was seen just before it idled out.
      expect(await resolveSession(database.db.prisma, almost.token, policy, at(policy.idleMs + MINUTE))).toBeDefined();
      // A longer idle allowance (the policy is read per request) lets the idle one back in.
      expect(await resolveSession(database.db.prisma, idle.token, { ...policy, idleMs: 2 * HOUR }, at(policy.idleMs))).toBeDefined();
    });

    it('refuses a session past its absolute expiry however active it has been', async () => {
      const { userId } = await person();
      const session = await startSession(database.db.prisma, userId, workspaceId, META, policy, T0);
      // A request every 25 minutes keeps it from idling out…
      for (let minutes = 25; minutes < 120; minutes += 25) expect(await resolveSession(database.db.prisma, session.token, policy, at(minutes * MINUTE))).toBeDefined();
      expect(await resolveSession(database.db.prisma, session.token, policy, at(2 * HOUR - 1))).toBeDefined();
      // …but not past the absolute expiry, fixed at sign-in (last seen a moment ago).
      expect(await resolveSession(database.db.prisma, session.token, policy, at(2 * HOUR))).toBeUndefined();
      expect(await resolveSession(database.db.prisma, session.token, policy, at(2 * HOUR + MINUTE))).toBeUndefined();
      const row = await database.db.prisma.userSession.findUniqueOrThrow({ where: { id: session.sessionId } });
      expect(row.lastSeenAt).toEqual(at(2 * HOUR - 1));
      expect(row.expiresAt).toEqual(at(2 * HOUR));
    });

    it('refuses malformed and unknown tokens', async () => {
      const { userId } = await person();
      const session = await startSession(database.db.prisma, userId, workspaceId, META, policy, T0);
      for (const token of ['', 'x', `${session.token}x`, session.token.slice(1), `${session.token.slice(0, 42)}!`, `${session.token.slice(0, 42)}=`, ' '.repeat(43), newToken().token]) {
        expect(await resolveSession(database.db.prisma, token, policy, at(MINUTE))).toBeUndefined();
      }
      expect(await resolveSession(database.db.prisma, session.token, policy, at(MINUTE))).toBeDefined();
    });

    it('writes last-seen only once at least a minute has passed', async () => {
      const { userId } = await person();
      const session = await startSession(database.db.prisma, userId, workspaceId, META, policy, T0);
      const lastSeen = async () => (await database.db.prisma.userSession.findUniqueOrThrow({ where: { id: session.sessionId }, select: { lastSeenAt: true } })).lastSeenAt;
      expect(await lastSeen()).toEqual(T0);
      await resolveSession(database.db.prisma, session.token, policy, at(MINUTE - 1));
      expect(await lastSeen()).toEqual(T0);
      await resolveSession(database.db.prisma, session.token, policy, at(MINUTE));
      expect(await lastSeen()).toEqual(at(MINUTE));
      await resolveSession(database.db.prisma, session.token, policy, at(MINUTE + 59_999));
      expect(await lastSeen()).toEqual(at(MINUTE));
      await resolveSession(database.db.prisma, session.token, policy, at(2 * MINUTE + 30_000));
      expect(await lastSeen()).toEqual(at(2 * MINUTE + 30_000));
      // A refused session is not touched.
      await resolveSession(database.db.prisma, session.token, policy, at(5 * HOUR));
      expect(await lastSeen()).toEqual(at(2 * MINUTE + 30_000));
    });

    it('lists the usable sessions and signs out all but the one kept', async () => {
      const { userId } = await person();
      const kept = await startSession(database.db.prisma, userId, workspaceId, META, policy, T0);
      const other = await startSession(database.db.prisma, userId, workspaceId, META, policy, at(MINUTE));
      const stale = await startSession(database.db.prisma, userId, workspaceId, META, policy, at(-HOUR));
      const revoked = await startSession(database.db.prisma, userId, workspaceId, META, policy, T0);
      await revokeSession(database.db.prisma, revoked.sessionId, T0);
      expect((await listSessions(database.db.prisma, userId, policy, at(2 * MINUTE))).map((session) => session.id)).toEqual([other.sessionId, kept.sessionId]);

      // The stale (idle) session is revoked too, but only the usable one counts as ended.
      expect(await revokeUserSessions(database.db.prisma, userId, kept.sessionId, policy, at(3 * MINUTE))).toBe(1);
      expect(await resolveSession(database.db.prisma, kept.token, policy, at(4 * MINUTE))).toBeDefined();
      expect(await resolveSession(database.db.prisma, other.token, policy, at(4 * MINUTE))).toBeUndefined();
      expect((await database.db.prisma.userSession.findUniqueOrThrow({ where: { id: stale.sessionId } })).revokedAt).toEqual(at(3 * MINUTE));
    });
  });

  describe('signing in', () => {
    it('starts a new session at every sign-in, in an HttpOnly, SameSite=Lax cookie that is not Secure over http', async () => {
      const { email } = await person();
      const before = Date.now();
      const first = await app.inject({ method: 'POST', url: '/v1/session', payload: { email, password: GOOD_PASSWORD } });
      expect(first.statusCode).toBe(200);
      // Another browser…
      const elsewhere = await app.inject({ method: 'POST', url: '/v1/session', payload: { email, password: GOOD_PASSWORD } });
      // …and the first browser again: the cookie it held is replaced, never promoted.
      const second = await app.inject({ method: 'POST', url: '/v1/session', payload: { email: email.toUpperCase(), password: GOOD_PASSWORD }, headers: { cookie: cookiesOf(first) } });
      expect([elsewhere.statusCode, second.statusCode]).toEqual([200, 200]);

      const firstCookie = cookieNamed(first, 'je_session');
      expect(firstCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(firstCookie?.secure).toBeFalsy();
      expect(firstCookie?.domain).toBeUndefined();
      const tokens = [first, elsewhere, second].map((reply) => cookieNamed(reply, 'je_session')?.value ?? '');
      for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(new Set(tokens).size).toBe(3);
      expect(cookieNamed(first, '__Host-je_session')).toBeUndefined();
      // It lasts as long as the session may (7 days with the test policy).
      const expires = firstCookie?.expires?.getTime() ?? 0;
      expect(expires).toBeGreaterThanOrEqual(Math.floor((before + 7 * 86_400_000) / 1_000) * 1_000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000);

      // The CSRF secret is its own signed, HttpOnly cookie, never the token the reply carries.
      const csrf = cookieNamed(first, 'je_csrf');
      expect(csrf).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(csrf?.secure).toBeFalsy();
      expect(csrf?.value).not.toBe(first.json<SessionReply>().csrfToken);

      // The browser's old session ended with its new sign-in; the other browser's lives on.
      const statusOf = async (token: string) => (await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie: `je_session=${token}` } })).statusCode;
      expect(await Promise.all(tokens.map(statusOf))).toEqual([401, 200, 200]);
      const listed = await app.inject({ method: 'GET', url: '/v1/sessions', headers: { cookie: cookiesOf(second, cookiesOf(first)) } });
      expect(listed.statusCode).toBe(200);
      const { sessions } = listed.json<SessionListReply>();
      expect(sessions).toHaveLength(2);
      expect(sessions.filter((session) => session.current)).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ clientAddress: '127.0.0.1', userAgent: 'lightMyRequest' });
    });

    it('answers whether the browser is signed in with a 200 either way (no error status for a page to log)', async () => {
      const { email } = await person();
      const state = async (cookie?: string) => {
        const reply = await app.inject({ method: 'GET', url: '/v1/session/state', ...(cookie !== undefined && { headers: { cookie } }) });
        return [reply.statusCode, reply.json<{ signedIn: boolean }>().signedIn];
      };
      expect(await state()).toEqual([200, false]);
      expect(await state('je_session=not-a-real-token')).toEqual([200, false]);
      const browser = await signIn(app, email);
      expect(await state(browser.cookie)).toEqual([200, true]);
      expect((await app.inject(as(browser, { method: 'DELETE', url: '/v1/session' }))).statusCode).toBe(204);
      expect(await state(browser.cookie)).toEqual([200, false]);
    });

    it('ends the session the browser held when anyone signs in with it, and never adopts a planted token', async () => {
      const alice = await person();
      const bob = await person();
      const alicesBrowser = await signIn(app, alice.email);
      const alicesOther = await signIn(app, alice.email);
      // Bob signs in on the browser Alice left signed in: her session there ends, not her others.
      const bobs = await app.inject({ method: 'POST', url: '/v1/session', payload: { email: bob.email, password: GOOD_PASSWORD }, headers: { cookie: alicesBrowser.cookie } });
      expect(bobs.statusCode).toBe(200);
      expect(bobs.json<SessionReply>().user.email).toBe(bob.email);
      const status = async (cookie: string) => (await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie } })).statusCode;
      expect(await status(alicesBrowser.cookie)).toBe(401);
      expect(await status(alicesOther.cookie)).toBe(200);
      expect(await status(cookiesOf(bobs, alicesBrowser.cookie))).toBe(200);

      // A token planted before sign-in (session fixation) is replaced, and never becomes valid.
      const planted = newToken().token;
      const signedIn = await app.inject({ method: 'POST', url: '/v1/session', payload: { email: alice.email, password: GOOD_PASSWORD }, headers: { cookie: `je_session=${planted}` } });
      expect(signedIn.statusCode).toBe(200);
      expect(cookieNamed(signedIn, 'je_session')?.value).not.toBe(planted);
      expect(await status(`je_session=${planted}`)).toBe(401);
      expect(await status(cookiesOf(signedIn, `je_session=${planted}`))).toBe(200);
    });

    it('names the cookie __Host-je_session and marks it Secure when cookies are secure', async () => {
      const secureApp = await journeyApp(database.db, { accounts: testAccounts({ secureCookies: true }) });
      try {
        const { email } = await person();
        const response = await secureApp.inject({ method: 'POST', url: '/v1/session', payload: { email, password: GOOD_PASSWORD } });
        expect(response.statusCode).toBe(200);
        expect(cookieNamed(response, 'je_session')).toBeUndefined();
        const session = cookieNamed(response, '__Host-je_session');
        expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
        // __Host- cookies must not name a domain.
        expect(session?.domain).toBeUndefined();
        expect(cookieNamed(response, '__Host-je_csrf')).toMatchObject({ secure: true, httpOnly: true, path: '/' });
        expect(cookieNamed(response, 'je_csrf')).toBeUndefined();

        const token = session?.value ?? '';
        expect((await secureApp.inject({ method: 'GET', url: '/v1/session', headers: { cookie: `__Host-je_session=${token}` } })).statusCode).toBe(200);
        // The plain name is not read by a secure app.
        expect((await secureApp.inject({ method: 'GET', url: '/v1/session', headers: { cookie: `je_session=${token}` } })).statusCode).toBe(401);
        // Writes work with the secure CSRF cookie.
        const browser: Browser = { cookie: cookiesOf(response), csrf: response.json<SessionReply>().csrfToken };
        expect((await secureApp.inject(as(browser, { method: 'DELETE', url: '/v1/session' }))).statusCode).toBe(204);
        expect((await secureApp.inject({ method: 'GET', url: '/v1/session', headers: { cookie: `__Host-je_session=${token}` } })).statusCode).toBe(401);
      } finally {
        await secureApp.close();
      }
    });

    it('answers a wrong password and an unknown email with the same 401, and sets no cookie', async () => {
      const { email } = await person();
      const wrong = await app.inject({ method: 'POST', url: '/v1/session', payload: { email, password: 'not the password at all' }, remoteAddress: '198.51.100.10' });
      const unknown = await app.inject({ method: 'POST', url: '/v1/session', payload: { email: `nobody-${kind}@sessions.test`, password: GOOD_PASSWORD }, remoteAddress: '198.51.100.10' });
      for (const response of [wrong, unknown]) {
        expect(response.statusCode).toBe(401);
        expect(response.cookies).toEqual([]);
        expect(errorOf(response).code).toBe('SIGN_IN_FAILED');
      }
      const { requestId: wrongId, ...wrongRest } = errorOf(wrong);
      const { requestId: unknownId, ...unknownRest } = errorOf(unknown);
      expect(wrongId).not.toBe(unknownId);
      expect(wrongRest).toEqual(unknownRest);
      expect(wrongRest).toEqual({ code: 'SIGN_IN_FAILED', message: 'The email address or the password is wrong.' });
      expect(wrong.headers['content-type']).toBe(unknown.headers['content-type']);
      expect(await database.db.prisma.userSession.count({ where: { user: { email } } })).toBe(0);
    });
  });

  describe('the current session', () => {
    it('answers GET /v1/session with the person, workspace, role and a CSRF token; 401 without a valid cookie', async () => {
      const { email, userId } = await person('editor');
      const browser = await signIn(app, email);
      const response = await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie: browser.cookie } });
      expect(response.statusCode).toBe(200);
      const view = response.json<SessionReply>();
      expect(view).toMatchObject({ user: { id: userId, email, isOwner: false }, workspace: { id: workspaceId, role: 'editor' }, workspaces: [{ id: workspaceId, role: 'editor' }] });
      expect(view.csrfToken).toEqual(expect.any(String));
      expect(view.csrfToken.length).toBeGreaterThan(20);

      for (const headers of [{}, { cookie: 'je_session=' }, { cookie: 'je_session=not-a-token' }, { cookie: `je_session=${newToken().token}` }, { cookie: browser.cookie.replace(/je_session=[^;]+/, '') }]) {
        const refused = await app.inject({ method: 'GET', url: '/v1/session', headers });
        expect(refused.statusCode).toBe(401);
        expect(errorOf(refused).code).toBe('UNAUTHORIZED');
      }
    });

    it('signs out one session with DELETE /v1/session (CSRF token required); its cookie then gets 401', async () => {
      const { email } = await person();
      const browser = await signIn(app, email);
      const other = await signIn(app, email);

      const noToken = await app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie: browser.cookie } });
      expect(noToken.statusCode).toBe(403);
      expect(errorOf(noToken).code).toBe('CSRF_FAILED');
      expect((await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie: browser.cookie } })).statusCode).toBe(200);

      const out = await app.inject(as(browser, { method: 'DELETE', url: '/v1/session' }));
      expect(out.statusCode).toBe(204);
      expect(out.body).toBe('');
      // The reply tells the browser to drop the cookie.
      const cleared = cookieNamed(out, 'je_session');
      expect(cleared?.value).toBe('');
      expect(cookiesOf(out, browser.cookie)).not.toContain('je_session=');

      const after = await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie: browser.cookie } });
      expect(after.statusCode).toBe(401);
      expect(errorOf(after).code).toBe('UNAUTHORIZED');
      expect((await app.inject(as(browser, { method: 'DELETE', url: '/v1/session' }))).statusCode).toBe(401);
      // The person's other session is untouched.
      expect((await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie: other.cookie } })).statusCode).toBe(200);
    });

    it('signs out every session of the person with DELETE /v1/sessions, and nobody else', async () => {
      const { email } = await person();
      const bystander = await person();
      const first = await signIn(app, email);
      const second = await signIn(app, email);
      const theirs = await signIn(app, bystander.email);

      const listed = await app.inject({ method: 'GET', url: '/v1/sessions', headers: { cookie: first.cookie } });
      expect(listed.json<SessionListReply>().sessions).toHaveLength(2);

      const noToken = await app.inject({ method: 'DELETE', url: '/v1/sessions', headers: { cookie: first.cookie } });
      expect(noToken.statusCode).toBe(403);
      expect(errorOf(noToken).code).toBe('CSRF_FAILED');

      const ended = await app.inject(as(first, { method: 'DELETE', url: '/v1/sessions' }));
      expect(ended.statusCode).toBe(200);
      expect(ended.json()).toEqual({ ended: 2 });
      for (const browser of [first, second]) expect((await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie: browser.cookie } })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie: theirs.cookie } })).statusCode).toBe(200);
    });
  });

  describe('changing the password', () => {
    it('needs the current password and a good new one; then signs out the other sessions and keeps this one', async () => {
      const { email } = await person();
      const browser = await signIn(app, email);
      const other = await signIn(app, email);
      const change = (currentPassword: string, newPassword: string) => app.inject(as(browser, { method: 'PUT', url: '/v1/me/password', payload: { currentPassword, newPassword } }));
      const NEW_PASSWORD = 'a completely different passphrase';

      const wrongCurrent = await change('not my password at all', NEW_PASSWORD);
      expect(wrongCurrent.statusCode).toBe(400);
      expect(errorOf(wrongCurrent)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.currentPassword' });

      for (const weak of ['short', 'password1234', 'aaaaaaaaaaaaaaaa', `${email.split('@')[0] ?? ''} and more`, GOOD_PASSWORD]) {
        const refused = await change(GOOD_PASSWORD, weak);
        expect(refused.statusCode).toBe(400);
        expect(errorOf(refused)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.newPassword' });
      }
      // Nothing changed yet: the other session still lives.
      expect((await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie: other.cookie } })).statusCode).toBe(200);

      const noToken = await app.inject({ method: 'PUT', url: '/v1/me/password', headers: { cookie: browser.cookie }, payload: { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD } });
      expect(noToken.statusCode).toBe(403);
      expect(errorOf(noToken).code).toBe('CSRF_FAILED');

      const changed = await change(GOOD_PASSWORD, NEW_PASSWORD);
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toEqual({ sessionsEnded: 1 });
      expect((await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie: other.cookie } })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie: browser.cookie } })).statusCode).toBe(200);
      // This session, and its CSRF token, still work after the change.
      expect((await app.inject(as(browser, { method: 'PUT', url: '/v1/session/workspace', payload: { workspaceId } }))).statusCode).toBe(200);

      const old = await app.inject({ method: 'POST', url: '/v1/session', payload: { email, password: GOOD_PASSWORD }, remoteAddress: '198.51.100.20' });
      expect(old.statusCode).toBe(401);
      expect(errorOf(old).code).toBe('SIGN_IN_FAILED');
      const fresh = await app.inject({ method: 'POST', url: '/v1/session', payload: { email, password: NEW_PASSWORD }, remoteAddress: '198.51.100.20' });
      expect(fresh.statusCode).toBe(200);
      expect(fresh.json<SessionReply>().user.email).toBe(email);
      const user = await database.db.prisma.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true, passwordChangedAt: true } });
      expect(user.passwordHash).toMatch(/^scrypt\$17\$8\$1\$/);
      expect(user.passwordHash).not.toContain(NEW_PASSWORD);
      expect(user.passwordChangedAt).toBeInstanceOf(Date);
    });
  });

  describe('CSRF', () => {
    it('refuses a cookie-authenticated write without its own session token; keys and reads need none', async () => {
      const { email } = await person('admin');
      const browser = await signIn(app, email);
      // Another session of the same person, from another browser (its own CSRF secret).
      const elsewhere = await signIn(app, email);
      // That session with this browser's CSRF secret: a token must match the session too, not only the secret.
      const part = (cookie: string, name: string) => new RegExp(`${name}=[^;]+`).exec(cookie)?.[0] ?? '';
      const mixed = `${part(elsewhere.cookie, 'je_session')}; ${part(browser.cookie, 'je_csrf')}`;
      const mixedReply = await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie: mixed } });
      expect(mixedReply.cookies).toEqual([]);
      const mixedToken = mixedReply.json<SessionReply>().csrfToken;

      const rename = (headers: Record<string, string>, name: string) => app.inject({ method: 'PATCH', url: '/v1/workspace', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ name }) });
      const before = (await workspaceSettings()).name;

      const refusals = [
        await rename({ cookie: browser.cookie }, 'No token'),
        await rename({ cookie: browser.cookie, 'x-csrf-token': '' }, 'Empty token'),
        await rename({ cookie: browser.cookie, 'x-csrf-token': 'made-up' }, 'Made-up token'),
        await rename({ cookie: browser.cookie, 'x-csrf-token': elsewhere.csrf }, 'Other browser token'),
        await rename({ cookie: mixed, 'x-csrf-token': browser.csrf }, 'Other session, same secret'),
        await rename({ cookie: browser.cookie, 'x-csrf-token': mixedToken }, 'Token of another session, same secret'),
        // The token in another header name, or without the secret cookie, does not count either.
        await rename({ cookie: browser.cookie, 'csrf-token': browser.csrf }, 'Wrong header'),
        await rename({ cookie: browser.cookie.replace(/je_csrf=[^;]+(; )?/, ''), 'x-csrf-token': browser.csrf }, 'No secret cookie'),
      ];
      for (const refused of refusals) {
        expect(refused.statusCode).toBe(403);
        expect(errorOf(refused)).toMatchObject({ code: 'CSRF_FAILED', field: 'headers.x-csrf-token' });
      }
      expect((await workspaceSettings()).name).toBe(before);

      const own = await rename({ cookie: browser.cookie, 'x-csrf-token': browser.csrf }, 'Renamed by cookie');
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ id: workspaceId, name: 'Renamed by cookie' });
      expect((await rename({ cookie: mixed, 'x-csrf-token': mixedToken }, 'Renamed with the mixed cookies')).statusCode).toBe(200);
      expect((await rename({ cookie: elsewhere.cookie, 'x-csrf-token': elsewhere.csrf }, 'Renamed elsewhere')).statusCode).toBe(200);
      expect((await workspaceSettings()).name).toBe('Renamed elsewhere');
      // A token fetched with GET /v1/session works as the sign-in's does.
      const fetched = (await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie: browser.cookie } })).json<SessionReply>().csrfToken;
      expect((await rename({ cookie: browser.cookie, 'x-csrf-token': fetched }, 'Renamed with a fetched token')).statusCode).toBe(200);

      // An API key needs no CSRF token (a browser never sends one by itself)…
      const byKey = await rename({ authorization: `Bearer ${apiKey}` }, 'Renamed by key');
      expect(byKey.statusCode).toBe(200);
      expect((await workspaceSettings()).name).toBe('Renamed by key');
      // …and the Authorization header decides alone: a wrong key is refused even with a good cookie.
      expect((await rename({ authorization: 'Bearer wrong', cookie: browser.cookie, 'x-csrf-token': browser.csrf }, 'Wrong key')).statusCode).toBe(401);
      expect((await workspaceSettings()).name).toBe('Renamed by key');

      // Reads need no token.
      const read = await app.inject({ method: 'GET', url: '/v1/workspace', headers: { cookie: browser.cookie } });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ id: workspaceId, name: 'Renamed by key' });
      expect((await app.inject({ method: 'GET', url: '/v1/journeys', headers: { cookie: browser.cookie } })).statusCode).toBe(200);
    });

    it('checks the token before the body is read, on routes of every area', async () => {
      const { email } = await person('editor');
      const browser = await signIn(app, email);
      // A body that does not even parse: the CSRF refusal comes first.
      for (const url of ['/v1/templates', '/v1/journeys/drafts', '/v1/consent/topics/newsletter']) {
        const method = url === '/v1/templates' ? 'POST' : 'PUT';
        const refused = await app.inject({ method, url, headers: { cookie: browser.cookie, 'content-type': 'application/json' }, payload: '{"not": "valid"' });
        expect({ url, status: refused.statusCode, code: errorOf(refused).code }).toEqual({ url, status: 403, code: 'CSRF_FAILED' });
        const withToken = await app.inject({ method, url, headers: { cookie: browser.cookie, 'content-type': 'application/json', 'x-csrf-token': browser.csrf }, payload: '{"not": "valid"' });
        expect({ url, status: withToken.statusCode, code: errorOf(withToken).code }).toEqual({ url, status: 400, code: 'MALFORMED_BODY' });
      }
    });
  });

  describe('switching workspace', () => {
    it('refuses a workspace the person is not a member of with 404, and moves the session into one they are', async () => {
      const { email, userId } = await person('admin');
      const other = await database.db.prisma.workspace.create({ data: { name: `Other ${kind}`, slug: `other-${kind}` } });
      const browser = await signIn(app, email);
      const switchTo = (id: string) => app.inject(as(browser, { method: 'PUT', url: '/v1/session/workspace', payload: { workspaceId: id } }));

      const notMember = await switchTo(other.id);
      expect(notMember.statusCode).toBe(404);
      expect(errorOf(notMember)).toMatchObject({ code: 'NOT_FOUND', field: 'body.workspaceId' });
      // No such workspace looks the same.
      const missing = await switchTo('00000000-0000-4000-8000-000000000000');
      expect(missing.statusCode).toBe(404);
      expect(errorOf(missing).message).toBe('Not found: workspace 00000000-0000-4000-8000-000000000000');
      expect(errorOf(notMember).message).toBe(`Not found: workspace ${other.id}`);
      expect((await app.inject({ method: 'GET', url: '/v1/workspace', headers: { cookie: browser.cookie } })).json()).toMatchObject({ id: workspaceId });

      await database.db.prisma.membership.create({ data: { userId, workspaceId: other.id, role: 'viewer' } });
      const noToken = await app.inject({ method: 'PUT', url: '/v1/session/workspace', headers: { cookie: browser.cookie }, payload: { workspaceId: other.id } });
      expect(noToken.statusCode).toBe(403);
      expect(errorOf(noToken).code).toBe('CSRF_FAILED');

      const moved = await switchTo(other.id);
      expect(moved.statusCode).toBe(200);
      const view = moved.json<SessionReply>();
      expect(view.workspace).toMatchObject({ id: other.id, role: 'viewer' });
      expect(view.workspaces.map((workspace) => workspace.id).sort()).toEqual([workspaceId, other.id].sort());

      // Requests now act in that workspace, with the role held there.
      const settings = await app.inject({ method: 'GET', url: '/v1/workspace', headers: { cookie: browser.cookie } });
      expect(settings.json()).toMatchObject({ id: other.id, name: `Other ${kind}` });
      expect((await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie: browser.cookie } })).json<SessionReply>().workspace).toMatchObject({ id: other.id, role: 'viewer' });
      const asViewer = await app.inject(as({ cookie: browser.cookie, csrf: view.csrfToken }, { method: 'PATCH', url: '/v1/workspace', payload: { name: 'Not allowed' } }));
      expect(asViewer.statusCode).toBe(403);
      expect(errorOf(asViewer)).toMatchObject({ code: 'FORBIDDEN', message: 'Forbidden: your role (viewer) does not allow settings.admin' });

      // And back, where they are admin.
      expect((await switchTo(workspaceId)).statusCode).toBe(200);
      const renamed = await app.inject(as(browser, { method: 'PATCH', url: '/v1/workspace', payload: { name: `Home ${kind}` } }));
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({ id: workspaceId, name: `Home ${kind}` });
      expect((await database.db.prisma.workspace.findUniqueOrThrow({ where: { id: other.id } })).name).toBe(`Other ${kind}`);
    });

    it('lets the owner enter any workspace', async () => {
      const { email: ownerEmail } = await owner();
      const elsewhere = await database.db.prisma.workspace.create({ data: { name: `Owner's ${kind}`, slug: `owners-${kind}` } });
      const browser = await signIn(app, ownerEmail);
      const moved = await app.inject(as(browser, { method: 'PUT', url: '/v1/session/workspace', payload: { workspaceId: elsewhere.id } }));
      expect(moved.statusCode).toBe(200);
      expect(moved.json<SessionReply>().workspace).toMatchObject({ id: elsewhere.id, role: 'admin' });
      expect((await app.inject({ method: 'GET', url: '/v1/workspace', headers: { cookie: browser.cookie } })).json()).toMatchObject({ id: elsewhere.id });
    });
  });
});
