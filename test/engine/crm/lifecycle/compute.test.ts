import type { Database } from '../../../../engine/db';
import type { CrmChange } from '../../../../engine/crm/changes/topics';
import { computeLifecycleStages } from '../../../../engine/crm/lifecycle/compute';
import { computeJourneyStages } from '../../../../engine/crm/lifecycle/journey';
import { JOURNEY_RULES } from '../../../../engine/crm/lifecycle/journey-rules';
import { LIFECYCLE_RULES } from '../../../../engine/crm/lifecycle/rules';
import { computeRfm } from '../../../../engine/crm/rfm/compute';
import { allContacts, contactsWithIds } from '../../../../engine/crm/sql';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { createWorkspace, DAY_MS, NOW, type FixtureWorkspace, type OrderSeed } from '../fixtures';

/** One customer per rule (default settings), with the stage and reason expected at NOW. */
const LIFECYCLE_CASES: Record<string, { orders: OrderSeed[]; stage: string; reason: string }> = {
  churned: { orders: [{ daysAgo: 400 }], stage: 'churned', reason: 'no order for 400 days (churned after 365)' },
  churnEdge: { orders: [{ daysAgo: 365.5 }], stage: 'inactive', reason: 'no order for 365 days (inactive after 180)' },
  inactive: { orders: [{ daysAgo: 200 }, { daysAgo: 230 }], stage: 'inactive', reason: 'no order for 200 days (inactive after 180)' },
  winBack: { orders: [{ daysAgo: 10 }, { daysAgo: 300 }], stage: 'win_back', reason: 'ordered 10 days ago after a gap of 290 days (inactive after 180, win-back within 30)' },
  newCustomer: { orders: [{ daysAgo: 10 }], stage: 'new_customer', reason: 'first order 10 days ago (new customer for 30 days)' },
  newEdge: { orders: [{ daysAgo: 30 }], stage: 'new_customer', reason: 'first order 30 days ago (new customer for 30 days)' },
  atRiskSingle: { orders: [{ daysAgo: 100 }], stage: 'at_risk', reason: 'single order 100 days ago (at risk after 90)' },
  atRiskEdge: { orders: [{ daysAgo: 180 }], stage: 'at_risk', reason: 'single order 180 days ago (at risk after 90)' },
  atRiskRepeat: {
    orders: [{ daysAgo: 90 }, { daysAgo: 130 }, { daysAgo: 170 }],
    stage: 'at_risk',
    reason: 'no order for 90 days, more than 2 × the average interval of 40.0 days',
  },
  // 7 orders of 400 every 30 days, the last 5 days ago: R 5, F 4, M 4 (2800) → RFM champions.
  champion: { orders: [5, 35, 65, 95, 125, 155, 185].map((daysAgo) => ({ daysAgo, amount: 400 })), stage: 'champion', reason: 'RFM segment champions' },
  // 5 orders over 200 days, the last 20 days ago: RFM potential_loyalists (R 5, F 3, M 1), average interval 45.
  loyal: {
    orders: [20, 50, 100, 150, 200].map((daysAgo) => ({ daysAgo })),
    stage: 'loyal',
    reason: '5 orders since the first 200 days ago (loyal from 5 orders over 180 days)',
  },
  oneSingle: { orders: [{ daysAgo: 40 }], stage: 'active', reason: '1 order, the last 40 days ago' },
  active: { orders: [{ daysAgo: 20 }, { daysAgo: 60 }], stage: 'active', reason: '2 orders, the last 20 days ago' },
  onlyRefunded: { orders: [{ daysAgo: 10, status: 'refunded' }], stage: 'prospect', reason: '' },
};

async function stagesByName(db: Database, workspace: FixtureWorkspace): Promise<Record<string, [string, string]>> {
  const contacts = await db.prisma.contact.findMany({ where: { workspaceId: workspace.workspaceId }, select: { id: true, lifecycleStage: true, journeyStage: true } });
  return Object.fromEntries(contacts.map((contact) => [workspace.nameOf(contact.id), [contact.lifecycleStage, contact.journeyStage]]));
}

const byContact = (changes: CrmChange[]) => [...changes].sort((a, b) => a.contactId.localeCompare(b.contactId));

describe.each(databaseKinds)('lifecycle and journey stages on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  async function lifecycleWorld(): Promise<FixtureWorkspace> {
    const workspace = await createWorkspace(db);
    await workspace.customers(Object.fromEntries(Object.entries(LIFECYCLE_CASES).map(([name, { orders }]) => [name, orders])));
    await workspace.contact('prospect');
    await workspace.contact('demoted', { lifecycleStage: 'active' });
    return workspace;
  }

  it('gives every fixture the stage of the first matching rule, with a reason naming the numbers', async () => {
    const workspace = await lifecycleWorld();
    const context = workspace.context();
    await computeRfm(db.prisma, context, allContacts);
    const changes = await computeLifecycleStages(db.prisma, context, allContacts);

    const expected: CrmChange[] = Object.entries(LIFECYCLE_CASES)
      .filter(([, { stage }]) => stage !== 'prospect')
      .map(([name, { stage, reason }]) => ({ topic: 'lifecycle.stage_changed', contactId: workspace.id(name), from: 'prospect', to: stage, reason }));
    expected.push({ topic: 'lifecycle.stage_changed', contactId: workspace.id('demoted'), from: 'active', to: 'prospect', reason: 'no paid or fulfilled order yet' });
    expect(changes).toEqual(byContact(expected));

    const stages = await stagesByName(db, workspace);
    for (const [name, { stage }] of Object.entries(LIFECYCLE_CASES)) expect([name, stages[name]?.[0]]).toEqual([name, stage]);
    expect(stages.prospect?.[0]).toBe('prospect');
    // Every stage of the rule table is exercised.
    expect(new Set(Object.values(stages).map(([stage]) => stage))).toEqual(new Set(LIFECYCLE_RULES.map((rule) => rule.stage)));
  });

  it('stores each transition once, and a re-run changes nothing', async () => {
    const workspace = await lifecycleWorld();
    const context = workspace.context();
    await computeRfm(db.prisma, context, allContacts);
    const changes = await computeLifecycleStages(db.prisma, context, allContacts);
    const history = await db.prisma.lifecycleStageChange.findMany({ where: { workspaceId: workspace.workspaceId } });
    expect(history).toHaveLength(changes.length);
    expect(history.find((row) => row.contactId === workspace.id('winBack'))).toMatchObject({
      fromStage: 'prospect',
      toStage: 'win_back',
      reason: LIFECYCLE_CASES.winBack?.reason,
      source: 'scoring',
      occurredAt: NOW,
    });

    expect(await computeLifecycleStages(db.prisma, context, allContacts)).toEqual([]);
    expect(await db.prisma.lifecycleStageChange.count({ where: { workspaceId: workspace.workspaceId } })).toBe(changes.length);

    // 30 days later the new customer (now 40 days) is simply active, and the transition is recorded from new_customer.
    const later = workspace.context({}, new Date(NOW.getTime() + 30 * DAY_MS));
    const newCustomer = workspace.id('newCustomer');
    expect(await computeLifecycleStages(db.prisma, later, contactsWithIds([newCustomer]))).toEqual([
      { topic: 'lifecycle.stage_changed', contactId: newCustomer, from: 'new_customer', to: 'active', reason: '1 order, the last 40 days ago' },
    ]);
    const transitions = await db.prisma.lifecycleStageChange.findMany({ where: { contactId: newCustomer }, orderBy: { occurredAt: 'asc' } });
    expect(transitions.map((row) => [row.fromStage, row.toStage])).toEqual([['prospect', 'new_customer'], ['new_customer', 'active']]);
  });

  it('follows the workspace rules', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({ ann: [{ daysAgo: 50 }], bob: [{ daysAgo: 10 }, { daysAgo: 20 }, { daysAgo: 30 }] });
    const context = workspace.context({ lifecycle: { newCustomerDays: 60, loyalMinOrders: 3, loyalMinDays: 30, atRiskIntervalFactor: 1.5 } });
    const changes = await computeLifecycleStages(db.prisma, context, allContacts);
    expect(byContact(changes)).toEqual(
      byContact([
        { topic: 'lifecycle.stage_changed', contactId: workspace.id('ann'), from: 'prospect', to: 'new_customer', reason: 'first order 50 days ago (new customer for 60 days)' },
        { topic: 'lifecycle.stage_changed', contactId: workspace.id('bob'), from: 'prospect', to: 'loyal', reason: '3 orders since the first 30 days ago (loyal from 3 orders over 30 days)' },
      ]),
    );
    // bob 16 days after his last order: 16 > 1.5 × 10 → at risk.
    const later = workspace.context({ lifecycle: { atRiskIntervalFactor: 1.5 } }, new Date(NOW.getTime() + 6 * DAY_MS));
    expect(await computeLifecycleStages(db.prisma, later, contactsWithIds(workspace.ids('bob')))).toEqual([
      { topic: 'lifecycle.stage_changed', contactId: workspace.id('bob'), from: 'loyal', to: 'at_risk', reason: 'no order for 16 days, more than 1.5 × the average interval of 10.0 days' },
    ]);
  });

  it('derives the journey stage from orders, events and the lifecycle stage', async () => {
    const workspace = await createWorkspace(db);
    await workspace.contact('unaware');
    await workspace.contact('browsing');
    await workspace.events('browsing', [{ name: 'Viewed Product', daysAgo: 400 }, { name: 'Added to Cart', daysAgo: 2 }, { name: 'Email Opened', daysAgo: 1 }]);
    await workspace.customers({
      buyer: [{ daysAgo: 10 }],
      repeat: [{ daysAgo: 10 }, { daysAgo: 40 }],
      loyal: [20, 50, 100, 150, 200].map((daysAgo) => ({ daysAgo })),
      reviewer: [{ daysAgo: 10 }],
    });
    await workspace.events('buyer', [{ name: 'Viewed Product', daysAgo: 11 }]);
    await workspace.events('reviewer', [{ name: 'Review Submitted', daysAgo: 3 }]);
    const context = workspace.context();
    await computeLifecycleStages(db.prisma, context, allContacts);
    const changes = await computeJourneyStages(db.prisma, context, allContacts);

    const change = (name: string, to: string, reason: string): CrmChange => ({ topic: 'journey_stage.changed', contactId: workspace.id(name), from: 'awareness', to, reason });
    expect(changes).toEqual(
      byContact([
        change('browsing', 'consideration', '2 consideration events (Viewed Product, Added to Cart, Email Clicked), no order yet'),
        change('buyer', 'purchase', 'one order'),
        change('repeat', 'retention', '2 orders'),
        change('loyal', 'advocacy', 'lifecycle stage loyal'),
        change('reviewer', 'advocacy', '1 advocacy event (Review Submitted, Referral Sent)'),
      ]),
    );
    const stages = await stagesByName(db, workspace);
    expect(Object.fromEntries(Object.entries(stages).map(([name, [, journey]]) => [name, journey]))).toEqual({
      unaware: 'awareness', browsing: 'consideration', buyer: 'purchase', repeat: 'retention', loyal: 'advocacy', reviewer: 'advocacy',
    });
    expect(new Set(Object.values(stages).map(([, journey]) => journey))).toEqual(new Set(JOURNEY_RULES.map((rule) => rule.stage)));

    const history = await db.prisma.journeyStageChange.findMany({ where: { workspaceId: workspace.workspaceId } });
    expect(history).toHaveLength(5);
    expect(history.find((row) => row.contactId === workspace.id('buyer'))).toMatchObject({ fromStage: 'awareness', toStage: 'purchase', reason: 'one order', source: 'scoring', occurredAt: NOW });

    expect(await computeJourneyStages(db.prisma, context, allContacts)).toEqual([]);
    expect(await db.prisma.journeyStageChange.count({ where: { workspaceId: workspace.workspaceId } })).toBe(5);

    // A second order moves the buyer on to retention.
    await workspace.orders('buyer', [{ daysAgo: 1 }]);
    expect(await computeJourneyStages(db.prisma, context, contactsWithIds(workspace.ids('buyer')))).toEqual([
      { topic: 'journey_stage.changed', contactId: workspace.id('buyer'), from: 'purchase', to: 'retention', reason: '2 orders' },
    ]);
  });
});
