import type { FastifyInstance } from 'fastify';
import { OwnerConfigError, prepareFirstRun } from '../../../engine/accounts';
import { loadConfig } from '../../../engine/config';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { cookiesOf, GOOD_PASSWORD } from '../../support/people';
import { journeyApp } from '../journeys/test-app';

const ACCOUNTS = { owner: undefined, sessionSecret: undefined, sessionIdleMinutes: 720, sessionMaxHours: 168, invitationDays: 7 };

/**
 * First run as a new user lives it: start-up makes a setup link, opening it shows a form,
 * posting it creates the owner, signs them in and spends the link.
 */
describe.each(databaseKinds)('first run (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    await database.db.prisma.workspace.create({ data: { name: 'Demo', slug: 'demo' } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('creates the owner from a one-time link and signs them in', async () => {
    const first = await prepareFirstRun(database.db.prisma, ACCOUNTS, 'http://127.0.0.1:3000');
    if (first.kind !== 'setup_link') throw new Error(`expected a setup link, got ${first.kind}`);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/setup\?token=[A-Za-z0-9_-]{43}$/);
    const token = new URL(first.url).searchParams.get('token') ?? '';

    const form = await app.inject({ method: 'GET', url: `/setup?token=${token}` });
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toMatch(/text\/html/);
    expect(form.body).toContain('Create the owner account');

    const weak = await app.inject({ method: 'POST', url: '/setup', payload: new URLSearchParams({ token, email: 'owner@shop.test', name: 'Olivia', password: 'short' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('at least 12 characters');
    expect(await database.db.prisma.user.count()).toBe(0);

    const created = await app.inject({ method: 'POST', url: '/setup', payload: new URLSearchParams({ token, email: 'Owner@Shop.test', name: 'Olivia', password: GOOD_PASSWORD }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/');
    const session = created.cookies.find((cookie) => cookie.name === 'je_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session?.secure).toBeFalsy();

    const cookie = cookiesOf(created);
    const me = await app.inject({ method: 'GET', url: '/v1/session', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: 'owner@shop.test', name: 'Olivia', isOwner: true }, workspace: { slug: 'demo', role: 'admin' } });
    // An API call with the cookie works: the session is a real sign-in.
    expect((await app.inject({ method: 'GET', url: '/v1/journeys', headers: { cookie } })).statusCode).toBe(200);

    const again = await app.inject({ method: 'POST', url: '/setup', payload: new URLSearchParams({ token, email: 'mallory@shop.test', name: 'Mallory', password: GOOD_PASSWORD }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(again.statusCode).toBe(410);
    expect((await app.inject({ method: 'GET', url: `/setup?token=${token}` })).statusCode).toBe(410);
    expect(await database.db.prisma.user.count()).toBe(1);
    expect(await prepareFirstRun(database.db.prisma, ACCOUNTS, 'http://127.0.0.1:3000')).toEqual({ kind: 'has_users' });

    const audit = await database.db.prisma.auditEntry.findMany({ where: { action: 'owner.created' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'user', targetType: 'user' });
    expect(JSON.stringify(audit.map((row) => row.summary))).not.toContain(GOOD_PASSWORD);
  });

  it('creates the owner from OWNER_EMAIL and OWNER_PASSWORD instead, refusing a weak password by name', async () => {
    const fresh = await openMigratedDatabase(kind);
    try {
      await expect(prepareFirstRun(fresh.db.prisma, { ...ACCOUNTS, owner: { email: 'ops@shop.test', password: 'password' } }, 'http://127.0.0.1:3000')).rejects.toThrow(
        new OwnerConfigError('Invalid configuration: OWNER_PASSWORD must be at least 12 characters.'),
      );
      await expect(prepareFirstRun(fresh.db.prisma, { ...ACCOUNTS, owner: { email: 'not-an-address', password: GOOD_PASSWORD } }, 'http://127.0.0.1:3000')).rejects.toThrow('OWNER_EMAIL is not an email address');
      expect(await fresh.db.prisma.user.count()).toBe(0);
      expect(await prepareFirstRun(fresh.db.prisma, { ...ACCOUNTS, owner: { email: 'Ops@Shop.test', password: GOOD_PASSWORD } }, 'http://127.0.0.1:3000')).toEqual({ kind: 'owner_created', email: 'ops@shop.test' });
      // No demo workspace here: the owner gets a new, empty one to start in.
      const owner = await fresh.db.prisma.user.findUniqueOrThrow({ where: { email: 'ops@shop.test' }, include: { memberships: { include: { workspace: true } } } });
      expect(owner.isOwner).toBe(true);
      expect(owner.memberships.map((membership) => [membership.workspace.slug, membership.role])).toEqual([['default', 'admin']]);
      expect(await fresh.db.prisma.setupToken.count()).toBe(0);
    } finally {
      await fresh.dispose();
    }
  });

  it('needs OWNER_EMAIL and OWNER_PASSWORD together, with no default', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/je-owner' }).accounts.owner).toBeUndefined();
    expect(() => loadConfig({ OWNER_EMAIL: 'ops@shop.test' })).toThrow('OWNER_EMAIL and OWNER_PASSWORD go together');
  });
});
