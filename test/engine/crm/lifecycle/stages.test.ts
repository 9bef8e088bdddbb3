import type { Database } from '../../../../engine/db';
import type { CrmChange } from '../../../../engine/crm/changes/topics';
import { computeLifecycleStages } from '../../../../engine/crm/lifecycle/compute';
import { computeJourneyStages } from '../../../../engine/crm/lifecycle/journey';
import { computeStages } from '../../../../engine/crm/lifecycle/stages';
import { computeRfm } from '../../../../engine/crm/rfm/compute';
import { allContacts, contactsWithIds } from '../../../../engine/crm/sql';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { createWorkspace, type FixtureWorkspace } from '../fixtures';

// computeStages must be exactly the lifecycle step followed by the journey step, in one update.

interface Outcome {
  stages: Record<string, [string, string]>;
  history: string[];
  changes: string[];
}

describe.each(databaseKinds)('both stages in one statement on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  async function world(): Promise<FixtureWorkspace> {
    const workspace = await createWorkspace(db);
    await workspace.contact('unaware');
    await workspace.contact('browsing');
    await workspace.contact('demoted', { lifecycleStage: 'active' });
    await workspace.events('browsing', [{ name: 'Viewed Product', daysAgo: 400 }, { name: 'Added to Cart', daysAgo: 2 }]);
    await workspace.customers({
      buyer: [{ daysAgo: 10 }],
      lapsed: [{ daysAgo: 400 }],
      repeat: [{ daysAgo: 10 }, { daysAgo: 40 }],
      // Loyal by lifecycle, hence an advocate by journey: the journey stage reads the new lifecycle stage.
      loyal: [20, 50, 100, 150, 200].map((daysAgo) => ({ daysAgo })),
      champion: [5, 35, 65, 95, 125, 155, 185].map((daysAgo) => ({ daysAgo, amount: 400 })),
      reviewer: [{ daysAgo: 10 }],
    });
    await workspace.events('reviewer', [{ name: 'Review Submitted', daysAgo: 3 }]);
    await computeRfm(db.prisma, workspace.context(), allContacts);
    return workspace;
  }

  async function outcome(workspace: FixtureWorkspace, changes: CrmChange[]): Promise<Outcome> {
    const contacts = await db.prisma.contact.findMany({ where: { workspaceId: workspace.workspaceId }, select: { id: true, lifecycleStage: true, journeyStage: true } });
    const lifecycle = await db.prisma.lifecycleStageChange.findMany({ where: { workspaceId: workspace.workspaceId } });
    const journey = await db.prisma.journeyStageChange.findMany({ where: { workspaceId: workspace.workspaceId } });
    const described = (kind: string, row: { contactId: string; fromStage: string | null; toStage: string; reason: string; source: string }) =>
      `${kind} ${workspace.nameOf(row.contactId)}: ${row.fromStage} → ${row.toStage} (${row.reason}, ${row.source})`;
    return {
      stages: Object.fromEntries(contacts.map((contact) => [workspace.nameOf(contact.id), [contact.lifecycleStage, contact.journeyStage]])),
      history: [...lifecycle.map((row) => described('lifecycle', row)), ...journey.map((row) => described('journey', row))].sort(),
      changes: changes.map((change) => `${change.topic} ${workspace.nameOf(change.contactId)} ${JSON.stringify({ ...change, contactId: undefined })}`).sort(),
    };
  }

  it('writes the stages, history rows and events the two steps write one after the other', async () => {
    const stepByStep = await world();
    const sequential = [
      ...(await computeLifecycleStages(db.prisma, stepByStep.context(), allContacts)),
      ...(await computeJourneyStages(db.prisma, stepByStep.context(), allContacts)),
    ];
    const atOnce = await world();
    const combined = await computeStages(db.prisma, atOnce.context(), allContacts);

    const expected = await outcome(stepByStep, sequential);
    expect(await outcome(atOnce, combined)).toEqual(expected);
    expect(expected.stages).toMatchObject({ loyal: ['loyal', 'advocacy'], champion: ['champion', 'advocacy'], demoted: ['prospect', 'awareness'], unaware: ['prospect', 'awareness'] });
    expect(expected.changes.length).toBeGreaterThan(10);
  });

  it('changes nothing when run again, and moves only the contacts in scope', async () => {
    const workspace = await world();
    await computeStages(db.prisma, workspace.context(), allContacts);
    expect(await computeStages(db.prisma, workspace.context(), allContacts)).toEqual([]);

    await workspace.orders('buyer', [{ daysAgo: 1 }]);
    await workspace.orders('repeat', [{ daysAgo: 1 }]);
    const changes = await computeStages(db.prisma, workspace.context(), contactsWithIds(workspace.ids('buyer')));
    expect(changes.map((change) => `${change.topic} ${workspace.nameOf(change.contactId)}`)).toEqual(['lifecycle.stage_changed buyer', 'journey_stage.changed buyer']);
    expect(changes[1]).toMatchObject({ from: 'purchase', to: 'retention', reason: '2 orders' });
  });
});
