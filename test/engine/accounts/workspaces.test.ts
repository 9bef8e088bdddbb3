import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApiKey } from '../../../engine/journeys';
import type { WorkspaceRole } from '../../../prisma/generated/client';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { addPerson, as, GOOD_PASSWORD, signIn, type Browser } from '../../support/people';
import { orderFollowUp } from '../journey/fixtures';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

interface ErrorReply {
  error: { code: string; message: string; field?: string };
}
interface WorkspaceReply {
  id: string;
  name: string;
  slug: string;
  role: WorkspaceRole;
}
interface SessionReply {
  workspace: WorkspaceReply | null;
  workspaces: WorkspaceReply[];
  csrfToken: string;
}
interface SettingsReply {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  currency: string;
  sendingPolicy: { quietHours?: { from: string; to: string }; frequencyCaps?: unknown[] };
  crm: Record<string, unknown>;
}

const errorOf = (response: LightMyRequestResponse) => ({ status: response.statusCode, ...response.json<ErrorReply>().error });

describe.each(databaseKinds)('workspaces (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let app: FastifyInstance;
  let homeId: string;
  let adminId: string;
  let admin: Browser;
  let editor: Browser;
  let viewer: Browser;
  let key: string;

  const address = (name: string) => `${name}-${kind}@workspaces.test`;
  const prisma = () => database.db.prisma;
  const create = (browser: Browser, payload: Record<string, string>) => app.inject(as(browser, { method: 'POST', url: '/v1/workspaces', payload }));
  const listOf = async (browser: Browser) => {
    const response = await app.inject(as(browser, { method: 'GET', url: '/v1/workspaces' }));
    expect(response.statusCode).toBe(200);
    return response.json<{ workspaces: WorkspaceReply[] }>().workspaces;
  };

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    homeId = (await prisma().workspace.create({ data: { name: 'Home', slug: `home-${kind}` } })).id;
    adminId = await addPerson(database.db, homeId, 'admin', address('admin'));
    await addPerson(database.db, homeId, 'editor', address('editor'));
    await addPerson(database.db, homeId, 'viewer', address('viewer'));
    admin = await signIn(app, address('admin'));
    editor = await signIn(app, address('editor'));
    viewer = await signIn(app, address('viewer'));
    key = (await createApiKey(prisma(), homeId, { name: `full ${kind}`, scope: 'full' })).key;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  describe('creating', () => {
    it('makes the creator admin of the new workspace, which they can list and switch to', async () => {
      const response = await create(admin, { name: 'Second Shop', slug: `second-${kind}`, timezone: 'Europe/Paris', currency: 'EUR' });
      expect(response.statusCode).toBe(201);
      const created = response.json<{ id: string; slug: string }>();
      expect(created).toEqual({ id: expect.any(String), slug: `second-${kind}` });
      expect(await prisma().workspace.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ name: 'Second Shop', slug: `second-${kind}`, timezone: 'Europe/Paris', currency: 'EUR' });
      expect(await prisma().membership.findMany({ where: { workspaceId: created.id }, select: { userId: true, role: true } })).toEqual([{ userId: adminId, role: 'admin' }]);

      expect(await listOf(admin)).toEqual([
        { id: homeId, name: 'Home', slug: `home-${kind}`, role: 'admin' },
        { id: created.id, name: 'Second Shop', slug: `second-${kind}`, role: 'admin' },
      ]);
      // Nobody else got in.
      expect((await listOf(editor)).map((workspace) => workspace.id)).toEqual([homeId]);

      // The row is in the new workspace's log: its admins see how it began.
      const audit = await prisma().auditEntry.findMany({ where: { action: 'workspace.created', targetId: created.id } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ workspaceId: created.id, actorType: 'user', actorId: adminId, targetType: 'workspace', summary: { slug: `second-${kind}` } });

      // Switching moves the session: its settings and data are the new workspace's.
      const switched = await app.inject(as(admin, { method: 'PUT', url: '/v1/session/workspace', payload: { workspaceId: created.id } }));
      expect(switched.statusCode).toBe(200);
      expect(switched.json<SessionReply>().workspace).toEqual({ id: created.id, name: 'Second Shop', slug: `second-${kind}`, role: 'admin' });
      const settings = await app.inject(as(admin, { method: 'GET', url: '/v1/workspace' }));
      expect(settings.json<SettingsReply>()).toMatchObject({ id: created.id, name: 'Second Shop', timezone: 'Europe/Paris', currency: 'EUR' });
      expect((await app.inject(as(admin, { method: 'GET', url: '/v1/session' }))).json<SessionReply>().workspace).toMatchObject({ id: created.id });

      const back = await app.inject(as(admin, { method: 'PUT', url: '/v1/session/workspace', payload: { workspaceId: homeId } }));
      expect(back.json<SessionReply>().workspace).toMatchObject({ id: homeId, role: 'admin' });
      expect((await app.inject(as(admin, { method: 'GET', url: '/v1/workspace' }))).json<SettingsReply>()).toMatchObject({ id: homeId, timezone: 'UTC', currency: 'USD' });
    });

    it('refuses a taken slug, and numbers a derived one', async () => {
      const count = await prisma().workspace.count();
      const taken = await create(admin, { name: 'Copycat', slug: `home-${kind}` });
      expect(errorOf(taken)).toMatchObject({ status: 409, code: 'CONFLICT', field: 'body.slug' });
      expect(await prisma().workspace.count()).toBe(count);

      const name = `Café Zürich ${kind}`;
      const first = await create(admin, { name });
      const second = await create(admin, { name });
      const third = await create(admin, { name });
      expect([first.statusCode, second.statusCode, third.statusCode]).toEqual([201, 201, 201]);
      expect([first, second, third].map((response) => response.json<{ slug: string }>().slug)).toEqual([`cafe-zurich-${kind}`, `cafe-zurich-${kind}-2`, `cafe-zurich-${kind}-3`]);
      // Each is its own workspace, with its creator as admin.
      const ids = [first, second, third].map((response) => response.json<{ id: string }>().id);
      expect(new Set(ids).size).toBe(3);
      expect(await prisma().membership.count({ where: { userId: adminId, workspaceId: { in: ids }, role: 'admin' } })).toBe(3);
    });

    it('refuses a bad slug, time zone or currency, naming the field, and creates nothing', async () => {
      const count = await prisma().workspace.count();
      expect(errorOf(await create(admin, { name: 'Bad', slug: 'Not A Slug' }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.slug' });
      expect(errorOf(await create(admin, { name: 'Bad', slug: '-dash-first' }))).toMatchObject({ status: 400, field: 'body.slug' });
      expect(errorOf(await create(admin, { name: 'Bad', timezone: 'Mars/Olympus_Mons' }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.timezone' });
      expect(errorOf(await create(admin, { name: 'Bad', currency: 'ZZZ' }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.currency' });
      expect(errorOf(await create(admin, { name: 'Bad', currency: 'eur' }))).toMatchObject({ status: 400, field: 'body.currency' });
      expect(errorOf(await create(admin, { name: '   ' }))).toMatchObject({ status: 400, field: 'body.name' });
      expect(errorOf(await create(admin, { name: 'Bad', owner: 'me' }))).toMatchObject({ status: 400, field: 'body.owner' });
      expect(await prisma().workspace.count()).toBe(count);
    });

    it('is for admins: editors, viewers and API keys are refused', async () => {
      const count = await prisma().workspace.count();
      for (const browser of [editor, viewer]) {
        expect(errorOf(await create(browser, { name: `Not mine ${kind}` }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      }
      const byKey = await app.inject({ method: 'POST', url: '/v1/workspaces', headers: { authorization: `Bearer ${key}` }, payload: { name: `Not mine ${kind}` } });
      expect(errorOf(byKey)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(byKey.json<ErrorReply>().error.message).toContain('API keys cannot use workspaces.admin');
      // A key has no person, so no list of workspaces either.
      expect(errorOf(await app.inject({ method: 'GET', url: '/v1/workspaces', headers: { authorization: `Bearer ${key}` } }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(await prisma().workspace.count()).toBe(count);
    });
  });

  describe('settings', () => {
    let shopId: string;
    let shopAdminId: string;
    let shopAdmin: Browser;
    let shopEditor: Browser;
    const consent = { doubleOptIn: { email: true }, smsHelpText: 'Text STOP to stop.', preferenceCenter: { brandName: 'Roastery', brandColour: '#0f766e' } };

    const patch = (browser: Browser, payload: unknown) => app.inject(as(browser, { method: 'PATCH', url: '/v1/workspace', payload }));
    const read = async (browser: Browser) => {
      const response = await app.inject(as(browser, { method: 'GET', url: '/v1/workspace' }));
      expect(response.statusCode).toBe(200);
      return response.json<SettingsReply>();
    };

    beforeAll(async () => {
      shopId = (await prisma().workspace.create({ data: { name: 'Shop', slug: `shop-settings-${kind}`, settings: { consent } } })).id;
      shopAdminId = await addPerson(database.db, shopId, 'admin', address('shop-admin'));
      await addPerson(database.db, shopId, 'editor', address('shop-editor'));
      shopAdmin = await signIn(app, address('shop-admin'));
      shopEditor = await signIn(app, address('shop-editor'));
    });

    it('reads the settings with every default filled in', async () => {
      const settings = await read(shopEditor);
      expect(settings).toMatchObject({ id: shopId, name: 'Shop', slug: `shop-settings-${kind}`, timezone: 'UTC', currency: 'USD', sendingPolicy: {} });
      expect(settings.crm).toMatchObject({ rfm: { model: 'threshold', lookbackDays: 365 } });
    });

    it('changes only what is sent, keeps the consent block, and audits the before and after of what changed', async () => {
      const before = await read(shopAdmin);
      const response = await patch(shopAdmin, { timezone: 'Europe/Paris', sendingPolicy: { quietHours: { from: '21:00', to: '08:00' } } });
      expect(response.statusCode).toBe(200);
      const expected = { ...before, timezone: 'Europe/Paris', sendingPolicy: { quietHours: { from: '21:00', to: '08:00' } } };
      expect(response.json<SettingsReply>()).toEqual(expected);
      expect(await read(shopEditor)).toEqual(expected);

      const stored = await prisma().workspace.findUniqueOrThrow({ where: { id: shopId } });
      expect(stored).toMatchObject({ name: 'Shop', timezone: 'Europe/Paris', currency: 'USD', settings: { consent, quietHours: { from: '21:00', to: '08:00' } } });
      // The consent routes read the same untouched block.
      const consentSettings = await app.inject(as(shopAdmin, { method: 'GET', url: '/v1/consent/settings' }));
      expect(consentSettings.json<unknown>()).toEqual(consent);

      const audit = await prisma().auditEntry.findMany({ where: { workspaceId: shopId, action: 'workspace.settings_changed' } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorType: 'user', actorId: shopAdminId, targetType: 'workspace', targetId: shopId });
      expect(audit[0]?.summary).toEqual({
        timezone: { before: 'UTC', after: 'Europe/Paris' },
        sendingPolicy: { before: {}, after: { quietHours: { from: '21:00', to: '08:00' } } },
      });

      // A second change: the sending policy is replaced as a whole, the time zone left alone.
      const caps = await patch(shopAdmin, { name: 'Shop & Café', sendingPolicy: { frequencyCaps: [{ channel: 'email', max: 3, windowHours: 24 }] } });
      expect(caps.statusCode).toBe(200);
      expect(caps.json<SettingsReply>()).toMatchObject({ name: 'Shop & Café', timezone: 'Europe/Paris', sendingPolicy: { frequencyCaps: [{ channel: 'email', max: 3, windowHours: 24 }] } });
      expect(caps.json<SettingsReply>().sendingPolicy.quietHours).toBeUndefined();
      const latest = await prisma().auditEntry.findFirstOrThrow({ where: { workspaceId: shopId, action: 'workspace.settings_changed' }, orderBy: { id: 'desc' } });
      expect(Object.keys(latest.summary ?? {}).sort()).toEqual(['name', 'sendingPolicy']);
      expect((await prisma().workspace.findUniqueOrThrow({ where: { id: shopId } })).settings).toMatchObject({ consent });
    });

    it('stores CRM settings and keeps the rest', async () => {
      const response = await patch(shopAdmin, { crm: { rfm: { model: 'quintile' } } });
      expect(response.statusCode).toBe(200);
      expect(response.json<SettingsReply>().crm).toMatchObject({ rfm: { model: 'quintile', lookbackDays: 365 } });
      expect((await read(shopEditor)).crm).toMatchObject({ rfm: { model: 'quintile' } });
      expect((await prisma().workspace.findUniqueOrThrow({ where: { id: shopId } })).settings).toMatchObject({ consent, crm: { rfm: { model: 'quintile' } } });
    });

    it('refuses invalid settings, naming the field, and changes nothing', async () => {
      const before = await read(shopAdmin);
      const stored = (await prisma().workspace.findUniqueOrThrow({ where: { id: shopId } })).settings;
      const audits = await prisma().auditEntry.count({ where: { workspaceId: shopId, action: 'workspace.settings_changed' } });
      const refusals: [unknown, string][] = [
        [{ sendingPolicy: { quietHours: { from: '25:00', to: '08:00' } } }, 'body.sendingPolicy.quietHours.from'],
        [{ sendingPolicy: { quietHours: { from: '21:00', to: '8am' } } }, 'body.sendingPolicy.quietHours.to'],
        [{ crm: { rfm: { model: 'astrology' } } }, 'body.crm'],
        [{ crm: { rfm: { lookbackDays: -1 } } }, 'body.crm'],
        [{ timezone: 'Mars/Olympus_Mons' }, 'body.timezone'],
        [{ currency: 'ZZZ' }, 'body.currency'],
        [{ slug: 'renamed' }, 'body.slug'],
      ];
      for (const [payload, field] of refusals) {
        expect({ payload, ...errorOf(await patch(shopAdmin, payload)) }).toMatchObject({ payload, status: 400, code: 'VALIDATION_FAILED', field });
      }
      // Nothing to change is refused too.
      expect(errorOf(await patch(shopAdmin, {}))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });

      expect(await read(shopAdmin)).toEqual(before);
      expect((await prisma().workspace.findUniqueOrThrow({ where: { id: shopId } })).settings).toEqual(stored);
      expect(await prisma().auditEntry.count({ where: { workspaceId: shopId, action: 'workspace.settings_changed' } })).toBe(audits);
    });

    it('lets only admins change them', async () => {
      const before = await read(shopAdmin);
      const refused = await patch(shopEditor, { timezone: 'Asia/Tokyo' });
      expect(errorOf(refused)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(refused.json<ErrorReply>().error.message).toContain('settings.admin');
      expect(await read(shopAdmin)).toEqual(before);
    });
  });

  describe('isolation', () => {
    let member: Browser;
    let b: { workspaceId: string; key: string };
    let bPeople: string[];
    let owned: { journeyId: string; segmentId: string; contactId: string };

    const asB = async <T>(method: 'PUT' | 'POST', url: string, payload: object): Promise<T> => {
      const response = await app.inject({ method, url, headers: { authorization: `Bearer ${b.key}` }, payload });
      if (response.statusCode >= 300) throw new Error(`setup ${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json<T>();
    };

    beforeAll(async () => {
      await addPerson(database.db, homeId, 'admin', address('alice'));
      member = await signIn(app, address('alice'));
      b = await workspaceWithKey(database.db);
      bPeople = [address('bea'), address('bob')];
      await addPerson(database.db, b.workspaceId, 'admin', address('bea'));
      await addPerson(database.db, b.workspaceId, 'viewer', address('bob'));
      const { journeyId } = await asB<{ journeyId: string }>('PUT', '/v1/journeys/drafts', orderFollowUp());
      const { segmentId } = await asB<{ segmentId: string }>('PUT', '/v1/segments/', { name: 'B VIPs', kind: 'static' });
      const contact = await prisma().contact.create({ data: { workspaceId: b.workspaceId, email: `carla-${kind}@b.test`, firstName: 'Carla' } });
      owned = { journeyId, segmentId, contactId: contact.id };
    });

    it("answers 404 for another workspace's journeys, segments and contacts, and changes none of them", async () => {
      for (const url of [
        `/v1/journeys/${owned.journeyId}`,
        `/v1/journeys/${owned.journeyId}/versions`,
        `/v1/segments/${owned.segmentId}`,
        `/v1/segments/${owned.segmentId}/members`,
        `/v1/contacts/${owned.contactId}`,
        `/v1/contacts/${owned.contactId}/consent`,
      ]) {
        const response = await app.inject(as(member, { method: 'GET', url }));
        expect({ url, ...errorOf(response) }).toMatchObject({ url, status: 404, code: 'NOT_FOUND' });
        expect(response.body).not.toContain('Carla');
      }
      for (const request of [
        { method: 'DELETE', url: `/v1/contacts/${owned.contactId}` },
        { method: 'DELETE', url: `/v1/segments/${owned.segmentId}` },
        { method: 'POST', url: `/v1/journeys/${owned.journeyId}/archive` },
      ] as const) {
        expect({ url: request.url, ...errorOf(await app.inject(as(member, request))) }).toMatchObject({ url: request.url, status: 404, code: 'NOT_FOUND' });
      }
      expect(await prisma().contact.findUniqueOrThrow({ where: { id: owned.contactId } })).toMatchObject({ workspaceId: b.workspaceId, firstName: 'Carla' });
      expect(await prisma().segment.count({ where: { id: owned.segmentId } })).toBe(1);
      expect((await prisma().journey.findUniqueOrThrow({ where: { id: owned.journeyId } })).status).not.toBe('archived');

      // Lists show nothing of B's.
      for (const url of ['/v1/journeys/', '/v1/segments/', '/v1/contacts/']) {
        const listed = await app.inject(as(member, { method: 'GET', url }));
        expect(listed.statusCode).toBe(200);
        for (const id of Object.values(owned)) expect(listed.body).not.toContain(id);
      }
      // B's key still sees its own: the 404s were about who asked.
      expect((await app.inject({ method: 'GET', url: `/v1/contacts/${owned.contactId}`, headers: { authorization: `Bearer ${b.key}` } })).statusCode).toBe(200);
    });

    it('cannot switch into a workspace it is not a member of, nor start a session there', async () => {
      const refused = await app.inject(as(member, { method: 'PUT', url: '/v1/session/workspace', payload: { workspaceId: b.workspaceId } }));
      expect(errorOf(refused)).toMatchObject({ status: 404, code: 'NOT_FOUND', field: 'body.workspaceId' });
      // A workspace that does not exist looks the same.
      const missing = await app.inject(as(member, { method: 'PUT', url: '/v1/session/workspace', payload: { workspaceId: '00000000-0000-4000-8000-000000000000' } }));
      expect(errorOf(missing)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(missing.json<ErrorReply>().error.message.replace(/[0-9a-f-]{36}/, 'ID')).toBe(refused.json<ErrorReply>().error.message.replace(/[0-9a-f-]{36}/, 'ID'));

      const session = (await app.inject(as(member, { method: 'GET', url: '/v1/session' }))).json<SessionReply>();
      expect(session.workspace).toMatchObject({ id: homeId });
      expect(session.workspaces.map((workspace) => workspace.id)).toEqual([homeId]);

      // Asking to start in B at sign-in starts in the person's own workspace.
      const signedIn = await app.inject({ method: 'POST', url: '/v1/session', payload: { email: address('alice'), password: GOOD_PASSWORD, workspaceId: b.workspaceId } });
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.json<SessionReply>().workspace).toMatchObject({ id: homeId });
    });

    it("never lists another workspace's people", async () => {
      const members = await app.inject(as(member, { method: 'GET', url: '/v1/members' }));
      expect(members.statusCode).toBe(200);
      const emails = members.json<{ members: { email: string }[] }>().members.map((person) => person.email);
      expect(emails).toContain(address('alice'));
      for (const email of bPeople) expect(members.body).not.toContain(email);
      const bIds = (await prisma().membership.findMany({ where: { workspaceId: b.workspaceId }, select: { userId: true } })).map((row) => row.userId);
      expect(bIds).toHaveLength(2);
      for (const id of bIds) expect(members.body).not.toContain(id);
    });
  });
});
