import type { Database } from '../../../../engine/db';
import { computeLeadScores } from '../../../../engine/crm/scores/lead';
import { InvalidFitRuleError } from '../../../../engine/crm/scores/lead-fit';
import { allContacts, contactsWithIds } from '../../../../engine/crm/sql';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { createWorkspace, NOW, type EventSeed, type FixtureWorkspace } from '../fixtures';

async function leadRows(db: Database, workspace: FixtureWorkspace) {
  const rows = await db.prisma.leadScore.findMany({ where: { workspaceId: workspace.workspaceId } });
  return Object.fromEntries(rows.map((row) => [workspace.nameOf(row.contactId), row]));
}

const times = (count: number, name: string, daysAgo = 1): EventSeed[] => Array.from({ length: count }, () => ({ name, daysAgo }));

describe.each(databaseKinds)('lead score on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  async function setEngagement(workspace: FixtureWorkspace, name: string, score: number): Promise<void> {
    await db.prisma.engagementScore.create({ data: { workspaceId: workspace.workspaceId, contactId: workspace.id(name), score, computedAt: NOW } });
  }

  async function adjust(workspace: FixtureWorkspace, name: string, delta: number, model: 'lead' | 'engagement' = 'lead'): Promise<void> {
    await db.prisma.scoreAdjustment.create({
      data: { workspaceId: workspace.workspaceId, contactId: workspace.id(name), model, delta, reason: 'test', source: 'manual', idempotencyKey: `${name}-${delta}-${Math.random()}` },
    });
  }

  it('blends behaviour, fit and engagement with the default rules and weights (hand-computed)', async () => {
    const workspace = await createWorkspace(db);
    await workspace.contact('hot', { email: 'hot@example.com', phone: '+14155550100', company: 'Acme', type: 'wholesale' });
    await workspace.events('hot', [
      ...times(12, 'Viewed Product'), // 2 × min(12, 10) = 20
      ...times(6, 'Added to Cart'), // 8 × min(6, 5) = 40
      ...times(2, 'Email Clicked'), // 5 × 2 = 10
      ...times(3, 'Session Started'), // 1 × 3 = 3
      ...times(4, 'Added to Cart', 91), // outside the 90-day window
      ...times(4, 'Something Else'),
    ]);
    await setEngagement(workspace, 'hot', 50);
    await workspace.contact('cold', { email: 'cold@example.com' });
    await workspace.contact('blank');
    await computeLeadScores(db.prisma, workspace.context(), allContacts);
    const rows = await leadRows(db, workspace);

    // behaviour 73, fit 20 + 10 + 30 + 40 = 100, engagement 50: 0.4 × 73 + 0.3 × 100 + 0.3 × 50 = 74.2 → 74: MQL.
    expect(rows.hot).toMatchObject({ behaviourScore: 73, fitScore: 100, engagementScore: 50, score: 74, qualification: 'mql' });
    expect(rows.hot?.components).toEqual({
      behaviour: [
        { event: 'Viewed Product', count: 12, points: 2, maxCount: 10, contribution: 20 },
        { event: 'Added to Cart', count: 6, points: 8, maxCount: 5, contribution: 40 },
        { event: 'Email Clicked', count: 2, points: 5, maxCount: 5, contribution: 10 },
        { event: 'Session Started', count: 3, points: 1, maxCount: 20, contribution: 3 },
      ],
      fit: [
        { field: 'contact.email', operator: 'exists', points: 20, matched: true },
        { field: 'contact.phone', operator: 'exists', points: 10, matched: true },
        { field: 'contact.company', operator: 'exists', points: 30, matched: true },
        { field: 'contact.type', operator: 'in', points: 40, matched: true },
      ],
      weights: { behaviour: 0.4, fit: 0.3, engagement: 0.3 },
      engagement: 50,
      adjustment: 0,
      windowDays: 90,
    });
    // fit 20 only: 0.3 × 20 = 6.
    expect(rows.cold).toMatchObject({ behaviourScore: 0, fitScore: 20, engagementScore: 0, score: 6, qualification: 'none' });
    expect(rows.blank).toMatchObject({ score: 0, fitScore: 0, qualification: 'none' });
  });

  it('adds adjustments after the blend, clamps to 0..100, and qualifies at the thresholds', async () => {
    const workspace = await createWorkspace(db);
    for (const name of ['sql75', 'mql74', 'mql50', 'none49', 'floor', 'ceiling']) await workspace.contact(name, { email: `${name}@example.com` });
    const context = workspace.context({ lead: { weights: { behaviour: 0, fit: 1, engagement: 0 }, fit: [{ field: 'contact.email', operator: 'exists', points: 50 }] } });
    await adjust(workspace, 'sql75', 20);
    await adjust(workspace, 'sql75', 5);
    await adjust(workspace, 'mql74', 24);
    await adjust(workspace, 'none49', -1);
    await adjust(workspace, 'floor', -80);
    await adjust(workspace, 'ceiling', 70);
    await adjust(workspace, 'mql50', 30, 'engagement'); // another model's adjustment does not count
    await computeLeadScores(db.prisma, context, allContacts);
    const rows = await leadRows(db, workspace);
    const scores = Object.fromEntries(Object.entries(rows).map(([name, row]) => [name, [row.score, row.qualification]]));
    expect(scores).toEqual({ sql75: [75, 'sql'], mql74: [74, 'mql'], mql50: [50, 'mql'], none49: [49, 'none'], floor: [0, 'none'], ceiling: [100, 'sql'] });
    expect(rows.sql75?.components).toMatchObject({ adjustment: 25 });
  });

  it('rounds the weighted blend half away from zero in exact decimals', async () => {
    const workspace = await createWorkspace(db);
    await workspace.contact('half', { email: 'half@example.com' });
    await workspace.events('half', times(3, 'Session Started'));
    // (0.5 × 3 + 0.5 × 20) / 1 = 11.5 → 12.
    await computeLeadScores(db.prisma, workspace.context({ lead: { weights: { behaviour: 0.5, fit: 0.5, engagement: 0 } } }), allContacts);
    expect((await leadRows(db, workspace)).half).toMatchObject({ behaviourScore: 3, fitScore: 20, score: 12 });
    // Weights are normalised: (0.1 × 3 + 0.1 × 20) / 0.2 = 11.5 → 12 as well.
    await computeLeadScores(db.prisma, workspace.context({ lead: { weights: { behaviour: 0.1, fit: 0.1, engagement: 0 } } }), allContacts);
    expect((await leadRows(db, workspace)).half).toMatchObject({ score: 12 });
  });

  it('matches fit rules on attributes, tags, enums and text, and clamps fit and behaviour', async () => {
    const workspace = await createWorkspace(db);
    const fit = [
      { field: 'contact.attributes.role', operator: 'equals', value: 'buyer', points: 30 },
      { field: 'contact.attributes.company.size', operator: 'in', value: ['50', '100'], points: 20 },
      { field: 'contact.tags', operator: 'contains', value: 'vip', points: 25 },
      { field: 'contact.tags', operator: 'in', value: ['trade', 'b2b'], points: 10 },
      { field: 'contact.source', operator: 'in', value: 'referral', points: 10 },
      { field: 'contact.company', operator: 'contains', value: 'ACME', points: 15 },
      { field: 'contact.status', operator: 'equals', value: 'vip', points: 5 },
      { field: 'contact.attributes.seats', operator: 'equals', value: 12, points: 5 },
      { field: 'contact.locale', operator: 'exists', points: -100 },
    ];
    const behaviour = [
      { event: 'Demo Requested', points: 60, maxCount: 3 },
      { event: 'Unsubscribed', points: -50, maxCount: 1 },
    ];
    await workspace.contact('match', {
      company: 'Acme Corp', source: 'referral', status: 'vip', tags: ['vip', 'b2b'],
      attributes: { role: 'buyer', company: { size: 50 }, seats: 12 },
    });
    await workspace.contact('partial', { company: 'Other', tags: ['trade'], attributes: { role: 'Buyer', seats: '12' }, locale: 'en-GB' });
    await workspace.contact('negative', { locale: '' });
    await workspace.events('match', times(5, 'Demo Requested'));
    await workspace.events('negative', [...times(1, 'Demo Requested'), ...times(3, 'Unsubscribed')]);
    await computeLeadScores(db.prisma, workspace.context({ lead: { fit, behaviour, weights: { behaviour: 0.5, fit: 0.5, engagement: 0 } } }), allContacts);
    const rows = await leadRows(db, workspace);
    // match: 30 + 20 + 25 + 10 + 10 + 15 + 5 + 5 = 120 → 100; behaviour 60 × 3 = 180 → 100.
    expect(rows.match).toMatchObject({ fitScore: 100, behaviourScore: 100, score: 100 });
    // partial: tags ∩ {trade, b2b} 10, seats "12" = "12" 5, locale exists −100 → −85 → 0 ('Buyer' ≠ 'buyer').
    expect(rows.partial).toMatchObject({ fitScore: 0 });
    const matched = [false, false, false, true, false, false, false, true, true];
    expect(rows.partial?.components).toMatchObject({ fit: matched.map((value) => ({ matched: value })) });
    // negative: an empty locale does not exist; behaviour 60 − 50 = 10.
    expect(rows.negative).toMatchObject({ fitScore: 0, behaviourScore: 10, score: 5 });
  });

  it('rejects an unknown fit field by name, before writing anything', async () => {
    const workspace = await createWorkspace(db);
    await workspace.contact('ann');
    const context = workspace.context({ lead: { fit: [{ field: 'contact.email', operator: 'exists', points: 10 }, { field: 'contact.salary', operator: 'exists', points: 10 }] } });
    await expect(computeLeadScores(db.prisma, context, allContacts)).rejects.toThrow(InvalidFitRuleError);
    await expect(computeLeadScores(db.prisma, context, allContacts)).rejects.toThrow(/lead fit rule 2 \(contact\.salary\): unknown field "contact\.salary"/);
    const missing = workspace.context({ lead: { fit: [{ field: 'contact.company', operator: 'equals', points: 10 }] } });
    await expect(computeLeadScores(db.prisma, missing, allContacts)).rejects.toThrow(/needs a value/);
    expect(await leadRows(db, workspace)).toEqual({});
  });

  it('reports score and qualification changes', async () => {
    const workspace = await createWorkspace(db);
    await workspace.contact('ann', { email: 'ann@example.com' });
    const ann = workspace.id('ann');
    const context = workspace.context({ lead: { weights: { behaviour: 0, fit: 1, engagement: 0 }, fit: [{ field: 'contact.email', operator: 'exists', points: 40 }] } });
    expect(await computeLeadScores(db.prisma, context, allContacts)).toEqual([{ topic: 'score.changed', contactId: ann, model: 'lead', field: 'score', from: null, to: 40 }]);
    expect(await computeLeadScores(db.prisma, context, allContacts)).toEqual([]);
    await adjust(workspace, 'ann', 15);
    expect(await computeLeadScores(db.prisma, context, contactsWithIds([ann]))).toEqual([
      { topic: 'score.changed', contactId: ann, model: 'lead', field: 'score', from: 40, to: 55 },
      { topic: 'lead.qualification_changed', contactId: ann, from: 'none', to: 'mql' },
    ]);
    await adjust(workspace, 'ann', 25);
    expect(await computeLeadScores(db.prisma, context, contactsWithIds([ann]))).toEqual([
      { topic: 'score.changed', contactId: ann, model: 'lead', field: 'score', from: 55, to: 80 },
      { topic: 'lead.qualification_changed', contactId: ann, from: 'mql', to: 'sql' },
    ]);
  });

  it('works without any rules', async () => {
    const workspace = await createWorkspace(db);
    await workspace.contact('ann');
    await setEngagement(workspace, 'ann', 80);
    await computeLeadScores(db.prisma, workspace.context({ lead: { fit: [], behaviour: [] } }), allContacts);
    // 0.3 × 80 = 24.
    expect((await leadRows(db, workspace)).ann).toMatchObject({ score: 24, components: expect.objectContaining({ behaviour: [], fit: [] }) });
  });
});
