import type { Database } from '../../../../engine/db';
import { scoreContacts } from '../../../../engine/crm/scores/score-contacts';
import { dependency } from '../../../../engine/crm/segments/dependencies';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { createWorkspace } from '../fixtures';

describe.each(databaseKinds)('rescoring after a change on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  const modelsOf = (changes: readonly { topic: string; model?: string }[]) => [...new Set(changes.map((change) => (change.topic === 'score.changed' ? `score:${change.model ?? ''}` : change.topic)))];

  it('runs only the steps reading what was touched, and the steps reading a score that moved', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({ buyer: [5, 40, 90].map((daysAgo) => ({ daysAgo, amount: 120 })) });
    await workspace.events('buyer', [{ name: 'Email Clicked', daysAgo: 1 }]);
    const context = workspace.context();
    const buyer = workspace.id('buyer');

    // An event: engagement moves, so lead and health follow; RFM, CLV and churn read orders only.
    const afterEvent = await scoreContacts(db.prisma, context, [buyer], [dependency.event('Email Clicked')]);
    expect(modelsOf(afterEvent)).toEqual(expect.arrayContaining(['score:engagement', 'score:lead', 'score:health']));
    expect(modelsOf(afterEvent)).not.toEqual(expect.arrayContaining(['score:rfm']));
    expect(await db.prisma.rfmScore.count({ where: { contactId: buyer } })).toBe(0);
    expect(await db.prisma.clvScore.count({ where: { contactId: buyer } })).toBe(0);

    // An order: everything reading orders runs.
    const afterOrder = await scoreContacts(db.prisma, context, [buyer], [dependency.order]);
    expect(modelsOf(afterOrder)).toEqual(expect.arrayContaining(['score:rfm', 'score:churn_risk']));
    expect(await db.prisma.rfmScore.count({ where: { contactId: buyer } })).toBe(1);
    expect(await db.prisma.clvScore.count({ where: { contactId: buyer } })).toBe(1);

    // A change no step reads runs none.
    expect(await scoreContacts(db.prisma, context, [buyer], [dependency.loyalty])).toEqual([]);
  });

  it('scores a contact just created with every step, and the others of its change with the steps reading it', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({ newcomer: [3].map((daysAgo) => ({ daysAgo, amount: 50 })), regular: [4, 30].map((daysAgo) => ({ daysAgo, amount: 80 })) });
    const newcomer = workspace.id('newcomer');
    const regular = workspace.id('regular');
    await scoreContacts(db.prisma, workspace.context(), [newcomer, regular], [dependency.event('Page Viewed')], [newcomer]);
    expect(await db.prisma.rfmScore.count({ where: { contactId: newcomer } })).toBe(1);
    expect(await db.prisma.clvScore.count({ where: { contactId: newcomer } })).toBe(1);
    expect(await db.prisma.healthScore.count({ where: { contactId: newcomer } })).toBe(1);
    expect(await db.prisma.rfmScore.count({ where: { contactId: regular } })).toBe(0);
    expect(await db.prisma.engagementScore.count({ where: { contactId: regular } })).toBe(1);
  });
});
