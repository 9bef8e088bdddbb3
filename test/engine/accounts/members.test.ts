import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApiKey } from '../../../engine/journeys';
import type { WorkspaceRole } from '../../../prisma/generated/client';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { addPerson, as, signIn, type Browser } from '../../support/people';
import { journeyApp } from '../journeys/test-app';

interface ErrorReply {
  error: { code: string; message: string; field?: string };
}
interface MemberReply {
  userId: string;
  email: string;
  name: string;
  role: WorkspaceRole;
  isOwner: boolean;
  joinedAt: string;
}
interface SessionReply {
  workspace: { id: string; role: WorkspaceRole } | null;
  workspaces: { id: string; role: WorkspaceRole }[];
}

const errorOf = (response: LightMyRequestResponse) => ({ status: response.statusCode, ...response.json<ErrorReply>().error });

/**
 * The people of a workspace and their roles: who is listed, who may change a role or remove
 * someone, what is refused (the owner, the last admin, strangers), and that a change holds from
 * the person's very next request.
 */
describe.each(databaseKinds)('members (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let app: FastifyInstance;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let ids: Record<'owner' | 'admin' | 'editor' | 'viewer' | 'stranger', string>;
  let admin: Browser;

  const address = (name: string) => `${name}-${kind}@members.test`;
  const prisma = () => database.db.prisma;
  const roleOf = async (userId: string, workspace = workspaceId) =>
    (await prisma().membership.findUnique({ where: { userId_workspaceId: { userId, workspaceId: workspace } }, select: { role: true } }))?.role;
  const changeRole = (browser: Browser, userId: string, role: string) => app.inject(as(browser, { method: 'PUT', url: `/v1/members/${userId}`, payload: { role } }));
  const remove = (browser: Browser, userId: string) => app.inject(as(browser, { method: 'DELETE', url: `/v1/members/${userId}` }));
  const membersSeenBy = async (browser: Browser) => {
    const response = await app.inject(as(browser, { method: 'GET', url: '/v1/members' }));
    expect(response.statusCode).toBe(200);
    return response.json<{ members: MemberReply[] }>().members;
  };

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    workspaceId = (await prisma().workspace.create({ data: { name: 'Roastery', slug: `members-${kind}` } })).id;
    otherWorkspaceId = (await prisma().workspace.create({ data: { name: 'Bakery', slug: `members-other-${kind}` } })).id;
    ids = {
      owner: await addPerson(database.db, workspaceId, 'admin', address('owner'), { isOwner: true }),
      admin: await addPerson(database.db, workspaceId, 'admin', address('admin')),
      editor: await addPerson(database.db, workspaceId, 'editor', address('editor')),
      viewer: await addPerson(database.db, workspaceId, 'viewer', address('viewer')),
      stranger: await addPerson(database.db, otherWorkspaceId, 'editor', address('stranger')),
    };
    admin = await signIn(app, address('admin'));
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('lists the workspace\'s people with their roles, to every member, and nobody else\'s', async () => {
    const viewer = await signIn(app, address('viewer'));
    const members = await membersSeenBy(viewer);
    expect(members.map(({ email, role, isOwner }) => ({ email, role, isOwner }))).toEqual([
      { email: address('owner'), role: 'admin', isOwner: true },
      { email: address('admin'), role: 'admin', isOwner: false },
      { email: address('editor'), role: 'editor', isOwner: false },
      { email: address('viewer'), role: 'viewer', isOwner: false },
    ]);
    expect(members.find((member) => member.email === address('editor'))).toEqual({ userId: ids.editor, email: address('editor'), name: `editor-${kind}`, role: 'editor', isOwner: false, joinedAt: expect.any(String) });
    expect(members.map((member) => member.userId)).not.toContain(ids.stranger);
    expect(JSON.stringify(members)).not.toContain('passwordHash');
    expect(JSON.stringify(members)).not.toContain('scrypt$');
  });

  it('lets an admin change a role: audited with before and after, and in force at the person\'s next request', async () => {
    const userId = await addPerson(database.db, workspaceId, 'editor', address('demoted'));
    const demoted = await signIn(app, address('demoted'));
    const write = () => app.inject(as(demoted, { method: 'PUT', url: '/v1/segments/', payload: { name: `Demoted ${kind}`, kind: 'static' } }));
    expect((await write()).statusCode).toBeLessThan(300);

    const changed = await changeRole(admin, userId, 'viewer');
    expect(changed.statusCode).toBe(200);
    expect(changed.json<unknown>()).toEqual({ userId, role: 'viewer' });
    expect(await roleOf(userId)).toBe('viewer');

    const audit = await prisma().auditEntry.findMany({ where: { workspaceId, action: 'member.role_changed', targetId: userId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'user', actorId: ids.admin, targetType: 'user', summary: { role: { before: 'editor', after: 'viewer' } } });

    // The same session, no sign-in again: the write is now refused, reading still works.
    const refused = await write();
    expect(errorOf(refused)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(refused.json<ErrorReply>().error.message).toContain('your role (viewer) does not allow segments.write');
    expect((await app.inject(as(demoted, { method: 'GET', url: '/v1/segments/' }))).statusCode).toBe(200);
    const session = (await app.inject(as(demoted, { method: 'GET', url: '/v1/session' }))).json<SessionReply>();
    expect(session.workspace).toMatchObject({ id: workspaceId, role: 'viewer' });
    expect((await membersSeenBy(admin)).find((member) => member.userId === userId)?.role).toBe('viewer');

    // And back up: promoted, the write works again.
    expect((await changeRole(admin, userId, 'editor')).statusCode).toBe(200);
    expect((await write()).statusCode).toBeLessThan(300);
  });

  it('refuses a role that does not exist, naming body.role', async () => {
    for (const role of ['owner', 'Admin', '']) {
      expect(errorOf(await changeRole(admin, ids.editor, role))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.role' });
    }
    expect(await roleOf(ids.editor)).toBe('editor');
    expect(await prisma().auditEntry.count({ where: { action: 'member.role_changed', targetId: ids.editor } })).toBe(0);
  });

  it('keeps a workspace\'s last admin: demoting or removing them is a conflict', async () => {
    const lonely = (await prisma().workspace.create({ data: { name: 'Lonely', slug: `lonely-${kind}` } })).id;
    const soleId = await addPerson(database.db, lonely, 'admin', address('sole'));
    const helperId = await addPerson(database.db, lonely, 'editor', address('helper'));
    const sole = await signIn(app, address('sole'));

    expect(errorOf(await changeRole(sole, soleId, 'editor'))).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(errorOf(await remove(sole, soleId))).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(await roleOf(soleId, lonely)).toBe('admin');

    // With a second admin, stepping down is fine.
    expect((await changeRole(sole, helperId, 'admin')).statusCode).toBe(200);
    expect((await changeRole(sole, soleId, 'editor')).statusCode).toBe(200);
    expect(await roleOf(soleId, lonely)).toBe('editor');
    // Now the helper is the last admin.
    const helper = await signIn(app, address('helper'));
    expect(errorOf(await remove(helper, helperId))).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(await roleOf(helperId, lonely)).toBe('admin');
  });

  it('refuses to demote or remove the instance owner', async () => {
    for (const role of ['editor', 'viewer']) expect(errorOf(await changeRole(admin, ids.owner, role))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(errorOf(await remove(admin, ids.owner))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await roleOf(ids.owner)).toBe('admin');
    expect(await prisma().auditEntry.count({ where: { action: { in: ['member.role_changed', 'member.removed'] }, targetId: ids.owner } })).toBe(0);
  });

  it('answers 404 for an unknown person and for a member of another workspace, changing nothing', async () => {
    for (const userId of [randomUUID(), ids.stranger]) {
      expect(errorOf(await changeRole(admin, userId, 'viewer'))).toMatchObject({ status: 404, code: 'NOT_FOUND', field: 'params.userId' });
      expect(errorOf(await remove(admin, userId))).toMatchObject({ status: 404, code: 'NOT_FOUND', field: 'params.userId' });
    }
    expect(await roleOf(ids.stranger, otherWorkspaceId)).toBe('editor');
    expect(await roleOf(ids.stranger)).toBeUndefined();
    expect(errorOf(await changeRole(admin, 'not-a-uuid', 'viewer'))).toMatchObject({ status: 400, field: 'params.userId' });
  });

  it('removes a member: audited, and their session loses the workspace at its next request', async () => {
    const userId = await addPerson(database.db, workspaceId, 'editor', address('leaving'));
    const leaving = await signIn(app, address('leaving'));
    expect((await app.inject(as(leaving, { method: 'GET', url: '/v1/journeys' }))).statusCode).toBe(200);

    const removed = await remove(admin, userId);
    expect(removed.statusCode).toBe(200);
    expect(removed.json<unknown>()).toEqual({ userId, removed: true });
    expect(await roleOf(userId)).toBeUndefined();
    // The account stays; only the membership goes.
    expect(await prisma().user.count({ where: { id: userId } })).toBe(1);
    expect((await membersSeenBy(admin)).map((member) => member.userId)).not.toContain(userId);

    const audit = await prisma().auditEntry.findMany({ where: { workspaceId, action: 'member.removed', targetId: userId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'user', actorId: ids.admin, targetType: 'user', summary: { role: 'editor' } });

    for (const request of [
      { method: 'GET', url: '/v1/journeys' },
      { method: 'GET', url: '/v1/members' },
      { method: 'PUT', url: '/v1/segments/', payload: { name: 'After removal', kind: 'static' } },
    ] as const) {
      const refused = await app.inject(as(leaving, request));
      expect(errorOf(refused)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(refused.json<ErrorReply>().error.message).toContain('no longer a member of this workspace');
    }
    // Still signed in, but in no workspace.
    const session = await app.inject(as(leaving, { method: 'GET', url: '/v1/session' }));
    expect(session.statusCode).toBe(200);
    expect(session.json<SessionReply>()).toMatchObject({ workspace: null, workspaces: [] });
    // Removing again: not a member.
    expect(errorOf(await remove(admin, userId))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('lets only admins change or remove people; API keys cannot even list them', async () => {
    const editor = await signIn(app, address('editor'));
    const viewer = await signIn(app, address('viewer'));
    for (const browser of [editor, viewer]) {
      expect(errorOf(await changeRole(browser, ids.viewer, 'admin'))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(errorOf(await remove(browser, ids.viewer))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
    // An editor may promote nobody, themselves included.
    expect(errorOf(await changeRole(editor, ids.editor, 'admin'))).toMatchObject({ status: 403, code: 'FORBIDDEN' });

    const { key } = await createApiKey(prisma(), workspaceId, { name: `full ${kind}`, scope: 'full' });
    for (const request of [
      { method: 'GET', url: '/v1/members' },
      { method: 'PUT', url: `/v1/members/${ids.viewer}`, payload: { role: 'admin' } },
      { method: 'DELETE', url: `/v1/members/${ids.viewer}` },
    ] as const) {
      const refused = await app.inject({ ...request, headers: { authorization: `Bearer ${key}` } });
      expect(errorOf(refused)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
    expect(await roleOf(ids.viewer)).toBe('viewer');
    expect(await roleOf(ids.editor)).toBe('editor');
  });
});
