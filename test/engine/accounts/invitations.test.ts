import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { hashToken } from '../../../engine/accounts/tokens';
import { createApiKey } from '../../../engine/journeys';
import type { WorkspaceRole } from '../../../prisma/generated/client';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { addPerson, as, cookiesOf, GOOD_PASSWORD, signIn, type Browser } from '../../support/people';
import { journeyApp } from '../journeys/test-app';

interface ErrorReply {
  error: { code: string; message: string; field?: string };
}
interface InvitationReply {
  id: string;
  email: string;
  role: WorkspaceRole;
  createdAt: string;
  expiresAt: string;
}
interface SessionReply {
  user: { id: string; email: string; name: string; isOwner: boolean };
  workspace: { id: string; name: string; slug: string; role: WorkspaceRole } | null;
  workspaces: { id: string; slug: string; role: WorkspaceRole }[];
  csrfToken: string;
  expiresAt: string;
}

/** Status, code and field of an error reply, for one `toMatchObject`. */
const errorOf = (response: LightMyRequestResponse) => ({ status: response.statusCode, ...response.json<ErrorReply>().error });

const LINK = /http:\/\/127\.0\.0\.1:3000\/invitations\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;
const OTHER_PASSWORD = 'another fine passphrase for tests';

/**
 * Invitations as the people involved live them: an admin invites by email, the link arrives
 * in the local outbox (no SMTP in tests), the invitee opens it and joins, with a new account
 * or their existing one. Real database, real app, real password hashing.
 */
describe.each(databaseKinds)('invitations (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let app: FastifyInstance;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let adminId: string;
  let admin: Browser;

  const address = (name: string) => `${name}-${kind}@invite.test`;
  const prisma = () => database.db.prisma;

  const invite = (browser: Browser, email: string, role: string) => app.inject(as(browser, { method: 'POST', url: '/v1/invitations', payload: { email, role } }));

  /** The invitation's email in the local outbox, and the token its link carries. */
  const linkOf = async (invitationId: string) => {
    const message = await prisma().localOutboxMessage.findFirstOrThrow({ where: { idempotencyKey: `invitation:${invitationId}` } });
    const token = LINK.exec(message.textBody ?? '')?.[1];
    if (token === undefined) throw new Error(`no invitation link in: ${message.textBody ?? '(no text)'}`);
    return { message, token };
  };

  /** Invites as the admin and returns the invitation and its link's token. */
  const invited = async (email: string, role: WorkspaceRole) => {
    const response = await invite(admin, email, role);
    if (response.statusCode !== 201) throw new Error(`invite failed: ${response.statusCode} ${response.body}`);
    const invitation = response.json<InvitationReply>();
    return { invitation, token: (await linkOf(invitation.id)).token };
  };

  const accept = (payload: Record<string, string>) => app.inject({ method: 'POST', url: '/v1/invitations/accept', payload });
  const acceptForm = (token: string, fields: Record<string, string>) =>
    app.inject({ method: 'POST', url: `/invitations/${token}`, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  const membershipOf = (email: string, workspace: string) => prisma().membership.findFirst({ where: { workspaceId: workspace, user: { email } }, select: { role: true } });

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    workspaceId = (await prisma().workspace.create({ data: { name: 'Roastery', slug: `roastery-${kind}` } })).id;
    otherWorkspaceId = (await prisma().workspace.create({ data: { name: 'Bakery', slug: `bakery-${kind}` } })).id;
    adminId = await addPerson(database.db, workspaceId, 'admin', address('admin'));
    admin = await signIn(app, address('admin'));
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('sends an admin\'s invitation to the invitee\'s address through the outbox, and audits it without the token', async () => {
    const email = address('eddie');
    const before = Date.now();
    const response = await invite(admin, email.toUpperCase(), 'editor');
    expect(response.statusCode).toBe(201);
    const invitation = response.json<InvitationReply>();
    // Stored and shown lower-cased: one account per address.
    expect(invitation).toMatchObject({ email, role: 'editor' });
    const validFor = new Date(invitation.expiresAt).getTime() - before;
    expect(validFor).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(validFor).toBeLessThanOrEqual(7 * 86_400_000 + 60_000);

    const { message, token } = await linkOf(invitation.id);
    expect(message).toMatchObject({ workspaceId, channel: 'email', toAddress: email });
    expect(message.textBody).toContain(`http://127.0.0.1:3000/invitations/${token}`);
    expect(message.subject).toContain('Roastery');
    // Only the token's hash is stored: a read of the table cannot accept anything.
    const stored = await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored).toMatchObject({ workspaceId, email, role: 'editor', invitedBy: adminId, acceptedAt: null, revokedAt: null, tokenHash: hashToken(token) });
    expect(JSON.stringify(stored)).not.toContain(token);

    const listed = await app.inject(as(admin, { method: 'GET', url: '/v1/invitations' }));
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ invitations: InvitationReply[] }>().invitations).toContainEqual(invitation);

    const audit = await prisma().auditEntry.findMany({ where: { workspaceId, action: 'member.invited', targetId: invitation.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'user', actorId: adminId, targetType: 'invitation', summary: { role: 'editor' } });
    const row = JSON.stringify(audit, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    expect(row).not.toContain(token);
    expect(row).not.toContain(email);
  });

  it('lets the invitee open the link, join with a name and password, and work as their role', async () => {
    const email = address('erin');
    const { invitation, token } = await invited(email, 'editor');

    const page = await app.inject({ method: 'GET', url: `/invitations/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('Join Roastery');
    expect(page.body).toContain(`You are invited as editor, as ${email}.`);
    expect(page.body).toContain(`action="/invitations/${token}"`);
    // A new person chooses a name and a password.
    expect(page.body).toContain('name="name"');
    expect(page.body).toContain('autocomplete="new-password"');

    const joined = await accept({ token, name: 'Erin', password: GOOD_PASSWORD });
    expect(joined.statusCode).toBe(200);
    const session = joined.json<SessionReply>();
    expect(session).toMatchObject({ user: { email, name: 'Erin', isOwner: false }, workspace: { id: workspaceId, slug: `roastery-${kind}`, role: 'editor' } });
    expect(session.workspaces).toEqual([{ id: workspaceId, name: 'Roastery', slug: `roastery-${kind}`, role: 'editor' }]);
    expect(joined.cookies.find((cookie) => cookie.name === 'je_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const erin: Browser = { cookie: cookiesOf(joined), csrf: session.csrfToken };
    expect((await app.inject(as(erin, { method: 'GET', url: '/v1/journeys' }))).statusCode).toBe(200);
    // An editor writes, with the session's CSRF token…
    const saved = await app.inject(as(erin, { method: 'PUT', url: '/v1/segments/', payload: { name: `Erin's list ${kind}`, kind: 'static' } }));
    expect(saved.statusCode).toBeLessThan(300);
    // …but does not manage people.
    expect(errorOf(await app.inject(as(erin, { method: 'POST', url: '/v1/api-keys', payload: { name: 'Erin', scope: 'full' } })))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(errorOf(await invite(erin, address('someone'), 'viewer'))).toMatchObject({ status: 403, code: 'FORBIDDEN' });

    const user = await prisma().user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ name: 'Erin', isOwner: false });
    expect(user.passwordHash).not.toContain(GOOD_PASSWORD);
    expect(await membershipOf(email, workspaceId)).toEqual({ role: 'editor' });
    expect((await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).not.toBeNull();
    // The password chosen is the account's: signing in with it works.
    expect((await signIn(app, email)).csrf).toEqual(expect.any(String));

    const audit = await prisma().auditEntry.findMany({ where: { action: 'member.joined', actorId: user.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ workspaceId, actorType: 'user', targetType: 'user', targetId: user.id, summary: { role: 'editor' } });
    expect(JSON.stringify(audit[0]?.summary)).not.toContain(token);
    // Accepted invitations are no longer pending.
    const pending = (await app.inject(as(admin, { method: 'GET', url: '/v1/invitations' }))).json<{ invitations: InvitationReply[] }>();
    expect(pending.invitations.map((row) => row.id)).not.toContain(invitation.id);
  });

  it('spends the link: a second accept is refused as unusable and changes nothing', async () => {
    const email = address('once');
    const { token } = await invited(email, 'viewer');
    expect((await accept({ token, name: 'Once', password: GOOD_PASSWORD })).statusCode).toBe(200);
    const userBefore = await prisma().user.findUniqueOrThrow({ where: { email } });

    const again = await accept({ token, name: 'Mallory', password: OTHER_PASSWORD });
    expect(errorOf(again)).toMatchObject({ status: 410, code: 'LINK_UNUSABLE' });
    expect(again.cookies).toEqual([]);
    const page = await app.inject({ method: 'GET', url: `/invitations/${token}` });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This invitation cannot be used');
    expect(await prisma().user.findUniqueOrThrow({ where: { email } })).toEqual(userBefore);
  });

  it('refuses an expired invitation', async () => {
    const email = address('late');
    const { invitation, token } = await invited(email, 'editor');
    await prisma().invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });

    expect((await app.inject({ method: 'GET', url: `/invitations/${token}` })).statusCode).toBe(410);
    expect(errorOf(await accept({ token, name: 'Late', password: GOOD_PASSWORD }))).toMatchObject({ status: 410, code: 'LINK_UNUSABLE' });
    expect(await prisma().user.count({ where: { email } })).toBe(0);
    const pending = (await app.inject(as(admin, { method: 'GET', url: '/v1/invitations' }))).json<{ invitations: InvitationReply[] }>();
    expect(pending.invitations.map((row) => row.id)).not.toContain(invitation.id);
  });

  it('refuses a withdrawn invitation, and audits the withdrawal', async () => {
    const email = address('withdrawn');
    const { invitation, token } = await invited(email, 'editor');
    // Usable until withdrawn.
    expect((await app.inject({ method: 'GET', url: `/invitations/${token}` })).statusCode).toBe(200);

    const withdrawn = await app.inject(as(admin, { method: 'DELETE', url: `/v1/invitations/${invitation.id}` }));
    expect(withdrawn.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/invitations/${token}` })).statusCode).toBe(410);
    expect(errorOf(await accept({ token, name: 'Withdrawn', password: GOOD_PASSWORD }))).toMatchObject({ status: 410, code: 'LINK_UNUSABLE' });
    expect(await prisma().user.count({ where: { email } })).toBe(0);
    // Withdrawing twice, or an unknown id: nothing pending to withdraw.
    expect(errorOf(await app.inject(as(admin, { method: 'DELETE', url: `/v1/invitations/${invitation.id}` })))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(errorOf(await app.inject(as(admin, { method: 'DELETE', url: `/v1/invitations/${randomUUID()}` })))).toMatchObject({ status: 404, code: 'NOT_FOUND' });

    const audit = await prisma().auditEntry.findMany({ where: { workspaceId, action: 'invitation.withdrawn', targetId: invitation.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'user', actorId: adminId, targetType: 'invitation' });
  });

  it('replaces the pending link when the same address is invited again', async () => {
    const email = address('twice');
    const first = await invited(email, 'editor');
    const second = await invited(email, 'viewer');
    expect(second.token).not.toBe(first.token);
    expect(second.invitation.id).not.toBe(first.invitation.id);

    const pending = (await app.inject(as(admin, { method: 'GET', url: '/v1/invitations' }))).json<{ invitations: InvitationReply[] }>();
    expect(pending.invitations.filter((row) => row.email === email).map((row) => row.id)).toEqual([second.invitation.id]);

    expect((await app.inject({ method: 'GET', url: `/invitations/${first.token}` })).statusCode).toBe(410);
    expect(errorOf(await accept({ token: first.token, name: 'Twice', password: GOOD_PASSWORD }))).toMatchObject({ status: 410, code: 'LINK_UNUSABLE' });
    expect(await prisma().user.count({ where: { email } })).toBe(0);

    const joined = await accept({ token: second.token, name: 'Twice', password: GOOD_PASSWORD });
    expect(joined.statusCode).toBe(200);
    // The newest invitation's role, not the replaced one's.
    expect(joined.json<SessionReply>().workspace).toMatchObject({ id: workspaceId, role: 'viewer' });
    expect(await membershipOf(email, workspaceId)).toEqual({ role: 'viewer' });
  });

  it('refuses a weak password or a missing name without making a user or a membership, and the link still works after', async () => {
    const email = address('weak');
    const { invitation, token } = await invited(email, 'editor');

    const weak = await accept({ token, name: 'Wendy', password: 'short' });
    expect(errorOf(weak)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.password' });
    expect(weak.json<ErrorReply>().error.message).toContain('at least 12 characters');
    expect(weak.cookies).toEqual([]);
    // The address in the password is refused too.
    expect(errorOf(await accept({ token, name: 'Wendy', password: `${email} and more` }))).toMatchObject({ status: 400, field: 'body.password' });
    // A new account needs a name.
    expect(errorOf(await accept({ token, password: GOOD_PASSWORD }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.name' });

    expect(await prisma().user.count({ where: { email } })).toBe(0);
    expect(await prisma().membership.count({ where: { workspaceId, user: { email } } })).toBe(0);
    expect(await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ acceptedAt: null, revokedAt: null });
    expect((await app.inject({ method: 'GET', url: `/invitations/${token}` })).statusCode).toBe(200);

    const joined = await accept({ token, name: 'Wendy', password: GOOD_PASSWORD });
    expect(joined.statusCode).toBe(200);
    expect(await membershipOf(email, workspaceId)).toEqual({ role: 'editor' });
  });

  it('refuses an invitation with a role that does not exist, a bad address, or for a member', async () => {
    const invitationsBefore = await prisma().invitation.count();
    expect(errorOf(await invite(admin, address('nobody'), 'owner'))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.role' });
    expect(errorOf(await invite(admin, 'not an address', 'viewer'))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.email' });
    // The admin is a member already, whatever the case of the address.
    const member = await invite(admin, address('admin').toUpperCase(), 'viewer');
    expect(errorOf(member)).toMatchObject({ status: 409, code: 'CONFLICT', field: 'body.email' });
    expect(await prisma().invitation.count()).toBe(invitationsBefore);
    expect(await prisma().localOutboxMessage.count({ where: { toAddress: address('admin') } })).toBe(0);
  });

  it('lets someone with an account join with their existing password, and refuses a wrong one', async () => {
    const email = address('olga');
    const olgaId = await addPerson(database.db, otherWorkspaceId, 'admin', email);
    const before = await prisma().user.findUniqueOrThrow({ where: { id: olgaId } });
    const { invitation, token } = await invited(email, 'viewer');

    // The page asks for the account's password, not a name and a new one.
    const page = await app.inject({ method: 'GET', url: `/invitations/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('autocomplete="current-password"');
    expect(page.body).not.toContain('name="name"');

    const wrong = await accept({ token, password: OTHER_PASSWORD });
    expect(errorOf(wrong)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.password' });
    expect(wrong.cookies).toEqual([]);
    expect(await membershipOf(email, workspaceId)).toBeNull();
    expect(await prisma().user.findUniqueOrThrow({ where: { id: olgaId } })).toEqual(before);
    expect((await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeNull();

    // A name sent along is ignored: the account keeps its own.
    const joined = await accept({ token, name: 'Somebody Else', password: GOOD_PASSWORD });
    expect(joined.statusCode).toBe(200);
    const session = joined.json<SessionReply>();
    expect(session.user).toEqual({ id: olgaId, email, name: before.name, isOwner: false });
    expect(session.workspace).toMatchObject({ id: workspaceId, role: 'viewer' });
    expect(session.workspaces.map((workspace) => [workspace.id, workspace.role])).toEqual([
      [otherWorkspaceId, 'admin'],
      [workspaceId, 'viewer'],
    ]);
    expect(await membershipOf(email, workspaceId)).toEqual({ role: 'viewer' });
    expect(await membershipOf(email, otherWorkspaceId)).toEqual({ role: 'admin' });
    // No second account, and the password is unchanged.
    expect(await prisma().user.count({ where: { email } })).toBe(1);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: olgaId } })).passwordHash).toBe(before.passwordHash);

    // The new membership works at once: a viewer reads but does not write.
    const olga: Browser = { cookie: cookiesOf(joined), csrf: session.csrfToken };
    expect((await app.inject(as(olga, { method: 'GET', url: '/v1/journeys' }))).statusCode).toBe(200);
    expect(errorOf(await app.inject(as(olga, { method: 'PUT', url: '/v1/segments/', payload: { name: 'Nope', kind: 'static' } })))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('accepts through the HTML form: a 303 to the builder with a session cookie', async () => {
    const email = address('form');
    const { token } = await invited(email, 'viewer');

    const weak = await acceptForm(token, { name: 'Fran', password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.headers['content-type']).toMatch(/text\/html/);
    expect(weak.body).toContain('This password must be at least 12 characters.');
    // The name typed is kept in the form; the password is not echoed.
    expect(weak.body).toContain('value="Fran"');
    expect(weak.cookies).toEqual([]);
    expect(await prisma().user.count({ where: { email } })).toBe(0);

    const joined = await acceptForm(token, { name: 'Fran', password: GOOD_PASSWORD });
    expect(joined.statusCode).toBe(303);
    expect(joined.headers.location).toBe('/');
    expect(joined.cookies.find((cookie) => cookie.name === 'je_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const me = await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie: cookiesOf(joined) } });
    expect(me.statusCode).toBe(200);
    expect(me.json<SessionReply>()).toMatchObject({ user: { email, name: 'Fran' }, workspace: { id: workspaceId, role: 'viewer' } });

    const user = await prisma().user.findUniqueOrThrow({ where: { email } });
    expect(await prisma().auditEntry.count({ where: { workspaceId, action: 'member.joined', actorType: 'user', actorId: user.id } })).toBe(1);
    // Spent: the form answers the unusable page.
    const again = await acceptForm(token, { name: 'Fran', password: GOOD_PASSWORD });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This invitation cannot be used');
  });

  it('lets only admins invite: editors, viewers and API keys are refused', async () => {
    await addPerson(database.db, workspaceId, 'editor', address('ed'));
    await addPerson(database.db, workspaceId, 'viewer', address('vi'));
    const editor = await signIn(app, address('ed'));
    const viewer = await signIn(app, address('vi'));
    const { key } = await createApiKey(prisma(), workspaceId, { name: `full ${kind}`, scope: 'full' });
    const { invitation } = await invited(address('pending'), 'viewer');
    const invitationsBefore = await prisma().invitation.count();

    for (const browser of [editor, viewer]) {
      expect(errorOf(await invite(browser, address('intruder'), 'admin'))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(errorOf(await app.inject(as(browser, { method: 'GET', url: '/v1/invitations' })))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(errorOf(await app.inject(as(browser, { method: 'DELETE', url: `/v1/invitations/${invitation.id}` })))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
    const byKey = await app.inject({ method: 'POST', url: '/v1/invitations', headers: { authorization: `Bearer ${key}` }, payload: { email: address('intruder'), role: 'admin' } });
    expect(errorOf(byKey)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(byKey.json<ErrorReply>().error.message).toContain('API keys cannot use members.admin');
    // An admin's write without the session's CSRF token is refused too.
    const noCsrf = await app.inject({ method: 'POST', url: '/v1/invitations', headers: { cookie: admin.cookie }, payload: { email: address('intruder'), role: 'admin' } });
    expect(errorOf(noCsrf)).toMatchObject({ status: 403, code: 'CSRF_FAILED' });

    expect(await prisma().invitation.count()).toBe(invitationsBefore);
    expect(await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ revokedAt: null });
  });

  it("keeps workspaces apart: another workspace's admin can neither list nor withdraw this one's invitations", async () => {
    await addPerson(database.db, otherWorkspaceId, 'admin', address('bakery-admin'));
    const otherAdmin = await signIn(app, address('bakery-admin'));
    const { invitation, token } = await invited(address('kept'), 'editor');

    const listed = await app.inject(as(otherAdmin, { method: 'GET', url: '/v1/invitations' }));
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(invitation.id);
    expect(errorOf(await app.inject(as(otherAdmin, { method: 'DELETE', url: `/v1/invitations/${invitation.id}` })))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await app.inject({ method: 'GET', url: `/invitations/${token}` })).statusCode).toBe(200);
  });

  it('shows invitation emails in the outbox to admins only: a viewer or a read key cannot take an admin invitation from it', async () => {
    const { invitation } = await invited(address('future-admin'), 'admin');
    await addPerson(database.db, workspaceId, 'viewer', address('peeking-viewer'));
    const viewer = await signIn(app, address('peeking-viewer'));
    const { key } = await createApiKey(prisma(), workspaceId, { name: 'dashboard', scope: 'read' });
    const outboxOf = async (headers: Record<string, string>) => (await app.inject({ method: 'GET', url: `/v1/outbox?to=${address('future-admin')}`, headers })).json<{ messages: { text: string | null }[] }>().messages;

    expect(await outboxOf({ cookie: viewer.cookie })).toEqual([]);
    expect(await outboxOf({ authorization: `Bearer ${key}` })).toEqual([]);
    const seenByAdmin = await outboxOf({ cookie: admin.cookie });
    expect(seenByAdmin).toHaveLength(1);
    expect(seenByAdmin[0]?.text).toContain((await linkOf(invitation.id)).token);
  });

  it('slows down guessing an existing account\'s password through an invitation, as sign-in does', async () => {
    const email = address('guarded');
    await addPerson(database.db, otherWorkspaceId, 'editor', email);
    const { token } = await invited(email, 'editor');
    // From an address of its own: other tests' failures from 127.0.0.1 count against that one.
    const fromGuesser = (password: string) => app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token, password }, remoteAddress: '198.51.100.7' });
    const attempts = [];
    for (let attempt = 0; attempt < 6; attempt += 1) attempts.push(errorOf(await fromGuesser(`wrong guess number ${attempt}`)));
    expect(attempts.slice(0, 5).map((reply) => reply.status)).toEqual([400, 400, 400, 400, 400]);
    expect(attempts[5]).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS', field: 'body.password' });
    // Locked: even the right password waits, and nothing is joined.
    expect(errorOf(await fromGuesser(GOOD_PASSWORD))).toMatchObject({ status: 429 });
    expect(await membershipOf(email, workspaceId)).toBeNull();
  });
});
