import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createActionRegistry, type ActionContext } from '../../../../activities/actions';
import { unsubscribeToken } from '../../../../activities/channels/email/unsubscribe-token';
import type { Database } from '../../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { testActivityDeps, testMail } from '../../../support/messaging';
import { journeyApp, workspaceWithKey } from '../../journeys/test-app';

// Every write to what segments read must move the dependent segments in the writer's own
// transaction (docs/crm.md). Two halves: a walk of the source that finds every module writing
// to a contact-related table and requires it to be accounted for here, and a run of each
// writer's public entry point that checks the segment moved, in the same transaction (the
// rows carry the same xmin).

const ROOT = join(__dirname, '../../../..');
const TABLES = ['contact', 'consent', 'consentEvent', 'topicSubscription', 'event', 'order', 'orderItem', 'loyaltyAccount', 'loyaltyTransaction', 'segmentMembership', 'scoreAdjustment'];
const SQL_TABLES = ['contact', 'consent', 'topic_subscription', 'event', 'order', 'order_item', 'loyalty_account', 'loyalty_transaction', 'segment_membership', 'score_adjustment'];
const WRITE = new RegExp(
  `\\.(${TABLES.join('|')})\\.(create|createMany|upsert|update|updateMany|delete|deleteMany)\\b|(INSERT INTO|UPDATE|DELETE FROM) "?(${SQL_TABLES.join('|')})\\b`,
);

/** Each writing module and how its change reaches segments: a scenario below, or another test that proves it. */
const WRITERS: Record<string, string> = {
  'engine/contacts/upsert.ts': 'scenario: PUT /v1/contacts',
  'engine/ingest/identify.ts': 'scenario: POST /v1/identify',
  'engine/ingest/identity.ts': 'scenario: POST /v1/track creating its contact (identify/track announce the creation)',
  'engine/ingest/track.ts': 'scenario: POST /v1/track',
  'engine/ingest/track-many.ts': 'scenario: POST /v1/track',
  'engine/ingest/identities.ts': 'scenario: POST /v1/track creating its contact (track-many announces the creation)',
  'engine/ingest/orders.ts': 'scenario: POST /v1/orders',
  'engine/consent/apply.ts': 'scenario: POST /v1/contacts/:id/consent and the unsubscribe link',
  'engine/contacts/merge.ts': 'scenario: merge',
  'engine/contacts/merge-records.ts': 'scenario: merge (moves the rows; merge.ts re-evaluates every segment for the survivor)',
  'engine/contacts/merge-segments.ts': 'scenario: merge',
  'engine/contacts/merge-loyalty.ts': 'scenario: merge',
  'engine/contacts/delete.ts': 'deletion: the contact leaves every segment, announced as segment.exited (test/engine/routes/contacts.test.ts)',
  'engine/privacy/erase.ts': 'erasure: as deletion (test/engine/routes/privacy.test.ts)',
  'engine/privacy/traces.ts': 'erasure: removes anonymous events of an erased contact, which no segment member owns',
  'engine/crm/segments/evaluate.ts': 'the segment engine itself',
  'engine/crm/segments/static-members.ts': 'scenario: static segment members (segments built on it follow)',
  'engine/crm/lifecycle/compute.ts': 'scoring inside applyContactChange / the recompute, which re-evaluates segments on the stage',
  'engine/crm/lifecycle/journey.ts': 'scoring inside applyContactChange / the recompute',
  'engine/crm/lifecycle/stages.ts': 'scoring inside the recompute (both stages at once), which re-evaluates segments on the stages',
  'activities/actions/contact-attribute.ts': 'scenario: contact.set_attribute (and the webhook saveResponseAs)',
  'activities/actions/lifecycle-set-stage/definition.ts': 'scenario: lifecycle.set_stage',
  'activities/actions/score-adjust/definition.ts': 'scenario: score.adjust',
  // The loyalty service commits a movement under its own row lock; the action then moves the
  // segments in a second transaction, replayed by the step's retry after a crash.
  'engine/crm/loyalty/accounts.ts': 'scenario: loyalty.award_points (segments follow in a second transaction)',
  'engine/crm/loyalty/balance.ts': 'scenario: loyalty.award_points',
  'engine/crm/loyalty/ledger.ts': 'scenario: loyalty.award_points',
  'engine/crm/loyalty/tiers.ts': 'scenario: loyalty.award_points',
  'engine/crm/loyalty/expiry.ts': 'the nightly recompute expires points and re-evaluates loyalty segments in its transaction (engine/crm/recompute/run.ts)',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

describe('every writer of contact-related tables is accounted for', () => {
  const writers = ['engine', 'activities', 'workflows']
    .flatMap((dir) => sourceFiles(join(ROOT, dir)))
    .filter((path) => WRITE.test(readFileSync(path, 'utf8')))
    .map((path) => relative(ROOT, path).split('\\').join('/'))
    .sort();

  it('finds the writers (the walk itself works)', () => {
    expect(writers).toEqual(expect.arrayContaining(['engine/consent/apply.ts', 'engine/contacts/upsert.ts', 'engine/ingest/track.ts']));
  });

  it('every writing module says how its change reaches the segments', () => {
    const unaccounted = writers.filter((path) => !(path in WRITERS));
    expect({ unaccounted }).toEqual({ unaccounted: [] });
  });

  it('every module listed still writes and still exists (the list stays true)', () => {
    const stale = Object.keys(WRITERS).filter((path) => !writers.includes(path) || !existsSync(join(ROOT, path)));
    expect({ stale }).toEqual({ stale: [] });
  });
});

describe.each(databaseKinds)('each writer moves the dependent segment in its own transaction (%s)', (kind) => {
  const registry = createActionRegistry();
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let mine: { workspaceId: string; key: string };
  const segments: Record<string, string> = {};
  let programId: string;
  let step = 0;

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    mine = await workspaceWithKey(database.db);
    programId = (await database.db.prisma.loyaltyProgram.create({ data: { workspaceId: mine.workspaceId, name: 'Beans club' } })).id;
    const criteria: Record<string, unknown> = {
      pro: { type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' },
      viewers: { type: 'event', name: 'Viewed' },
      buyers: { type: 'order', measure: 'order_count', operator: 'gte', value: 1 },
      subscribers: { type: 'consent', channel: 'email', status: 'granted' },
      champions: { type: 'lifecycle_stage', operator: 'in', values: ['champion'] },
      hot: { type: 'score', field: 'lead.score', operator: 'gte', value: 30 },
      points: { type: 'loyalty', field: 'points', operator: 'gte', value: 100 },
    };
    for (const [name, value] of Object.entries(criteria)) segments[name] = await saveSegment(name, { kind: 'dynamic', criteria: value });
    segments.vip = await saveSegment('vip', { kind: 'static' });
    segments.vipFans = await saveSegment('vipFans', { kind: 'dynamic', criteria: { type: 'segment', segmentId: segments.vip, operator: 'member' } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  async function saveSegment(name: string, body: Record<string, unknown>): Promise<string> {
    const saved = await call('PUT', '/v1/segments', { name, ...body });
    expect(saved.statusCode).toBe(200);
    return saved.json<{ segmentId: string }>().segmentId;
  }
  function call(method: 'PUT' | 'POST', url: string, payload: unknown, contentType = 'application/json') {
    return app.inject({ method, url, headers: { authorization: `Bearer ${mine.key}`, 'content-type': contentType }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  }
  const contactIdOf = async (email: string): Promise<string> => (await database.db.prisma.contact.findFirstOrThrow({ where: { workspaceId: mine.workspaceId, email } })).id;
  const isMember = async (segment: string, contactId: string) => (await database.db.prisma.segmentMembership.count({ where: { segmentId: segments[segment] ?? '', contactId } })) === 1;

  /** The transaction that last wrote the membership change of this contact in this segment. */
  async function membershipXmin(segment: string, contactId: string): Promise<string> {
    const [row] = await database.db.prisma.$queryRaw<{ xmin: string }[]>`
      SELECT xmin::text AS xmin FROM segment_membership_change WHERE segment_id = ${segments[segment] ?? ''}::uuid AND contact_id = ${contactId}::uuid ORDER BY occurred_at DESC, id DESC LIMIT 1`;
    if (!row) throw new Error(`no membership change in ${segment}`);
    return row.xmin;
  }
  async function xminOf(table: 'contact' | 'event' | 'order' | 'consent_event' | 'segment_membership' | 'contact_lifecycle' | 'score_adjustment', contactId: string): Promise<string> {
    const query = {
      contact: database.db.prisma.$queryRaw<{ xmin: string }[]>`SELECT xmin::text AS xmin FROM contact WHERE id = ${contactId}::uuid`,
      event: database.db.prisma.$queryRaw<{ xmin: string }[]>`SELECT xmin::text AS xmin FROM event WHERE contact_id = ${contactId}::uuid ORDER BY received_at DESC LIMIT 1`,
      order: database.db.prisma.$queryRaw<{ xmin: string }[]>`SELECT xmin::text AS xmin FROM "order" WHERE contact_id = ${contactId}::uuid ORDER BY placed_at DESC LIMIT 1`,
      consent_event: database.db.prisma.$queryRaw<{ xmin: string }[]>`SELECT xmin::text AS xmin FROM consent_event WHERE contact_id = ${contactId}::uuid ORDER BY recorded_at DESC, id DESC LIMIT 1`,
      segment_membership: database.db.prisma.$queryRaw<{ xmin: string }[]>`SELECT xmin::text AS xmin FROM segment_membership WHERE contact_id = ${contactId}::uuid AND segment_id = ${segments.vip ?? ''}::uuid`,
      contact_lifecycle: database.db.prisma.$queryRaw<{ xmin: string }[]>`SELECT xmin::text AS xmin FROM lifecycle_stage_change WHERE contact_id = ${contactId}::uuid ORDER BY occurred_at DESC LIMIT 1`,
      score_adjustment: database.db.prisma.$queryRaw<{ xmin: string }[]>`SELECT xmin::text AS xmin FROM score_adjustment WHERE contact_id = ${contactId}::uuid ORDER BY occurred_at DESC LIMIT 1`,
    }[table];
    const [row] = await query;
    if (!row) throw new Error(`no ${table} row`);
    return row.xmin;
  }
  async function expectMovedTogether(segment: string, contactId: string, member: boolean, table: Parameters<typeof xminOf>[0]): Promise<void> {
    expect({ segment, member: await isMember(segment, contactId) }).toEqual({ segment, member });
    expect(await membershipXmin(segment, contactId)).toBe(await xminOf(table, contactId));
  }

  const actionContext = (contactId: string): ActionContext => {
    step += 1;
    const enrollmentId = '00000000-0000-4000-8000-000000000003';
    return {
      deps: testActivityDeps(database.db, registry),
      workspaceId: mine.workspaceId, journeyId: '00000000-0000-4000-8000-000000000001', journeyVersionId: '00000000-0000-4000-8000-000000000002', enrollmentId,
      contactId, nodeId: `node-${step}`, idempotencyKey: `${enrollmentId}:node-${step}:${step}`, variables: {}, now: Date.now(),
    };
  };

  it('PUT /v1/contacts, POST /v1/identify and the CSV import move attribute segments', async () => {
    const created = await call('PUT', '/v1/contacts', { email: 'ada@example.com', attributes: { plan: 'pro' } });
    const ada = created.json<{ contact: { id: string } }>().contact.id;
    await expectMovedTogether('pro', ada, true, 'contact');
    await call('POST', '/v1/identify', { email: 'ada@example.com', attributes: { plan: 'free' } });
    await expectMovedTogether('pro', ada, false, 'contact');
    await call('POST', '/v1/contacts/import', 'email,plan\nada@example.com,pro', 'text/csv');
    await expectMovedTogether('pro', ada, true, 'contact');
  });

  it('POST /v1/track and POST /v1/orders move event and order segments', async () => {
    await call('POST', '/v1/track', { email: 'bob@example.com', name: 'Viewed' });
    const bob = await contactIdOf('bob@example.com');
    await expectMovedTogether('viewers', bob, true, 'event');
    await call('POST', '/v1/orders', { externalId: 'o-1', contact: { email: 'bob@example.com' }, status: 'paid', currency: 'USD', amount: 40, placedAt: new Date().toISOString(), items: [] });
    await expectMovedTogether('buyers', bob, true, 'order');
  });

  it('the consent route and the unsubscribe link move consent segments', async () => {
    const ada = await contactIdOf('ada@example.com');
    await call('POST', `/v1/contacts/${ada}/consent`, { email: { marketing: 'granted' } });
    await expectMovedTogether('subscribers', ada, true, 'consent_event');
    await app.inject({ method: 'POST', url: `/unsubscribe/${unsubscribeToken(testMail().unsubscribeSecret, mine.workspaceId, ada)}` });
    await expectMovedTogether('subscribers', ada, false, 'consent_event');
  });

  it('static segment members move the segments built on them', async () => {
    const ada = await contactIdOf('ada@example.com');
    await call('POST', `/v1/segments/${segments.vip ?? ''}/members`, { contactIds: [ada] });
    await expectMovedTogether('vipFans', ada, true, 'segment_membership');
  });

  it('journey actions: contact.set_attribute, lifecycle.set_stage and score.adjust', async () => {
    const ada = await contactIdOf('ada@example.com');
    await registry.run('contact.set_attribute', 1, actionContext(ada), { attribute: 'plan', value: 'free' });
    await expectMovedTogether('pro', ada, false, 'contact');
    await registry.run('lifecycle.set_stage', 1, actionContext(ada), { stage: 'champion', reason: 'test' });
    await expectMovedTogether('champions', ada, true, 'contact_lifecycle');
    await registry.run('score.adjust', 1, actionContext(ada), { model: 'lead', delta: 40, reason: 'webinar' });
    await expectMovedTogether('hot', ada, true, 'score_adjustment');
  });

  it('loyalty.award_points moves loyalty segments (in the step, after the movement commits)', async () => {
    const ada = await contactIdOf('ada@example.com');
    await registry.run('loyalty.award_points', 1, actionContext(ada), { programId, points: 150, reason: 'birthday' });
    expect(await isMember('points', ada)).toBe(true);
  });

  it('a merge re-evaluates the survivor in the merge transaction', async () => {
    const ada = await contactIdOf('ada@example.com');
    const bob = await contactIdOf('bob@example.com');
    expect(await isMember('buyers', ada)).toBe(false);
    const merged = await call('POST', `/v1/contacts/${ada}/merge`, { from: bob });
    expect(merged.statusCode).toBe(200);
    await expectMovedTogether('buyers', ada, true, 'contact');
  });
});
