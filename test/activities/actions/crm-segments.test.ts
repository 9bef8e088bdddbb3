import { createActionRegistry, type ActionContext } from '../../../activities/actions';
import { saveSegment } from '../../../engine/crm/segments/store';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { testActivityDeps } from '../../support/messaging';

// A journey that changes a contact moves them through segments like any other change does:
// the membership, its history and the segment.entered/exited outbox entries commit with it.
describe.each(databaseKinds)('CRM actions move segment membership (%s)', (kind) => {
  const registry = createActionRegistry();
  let database: { db: Database; dispose(): Promise<void> };
  let workspaceId: string;
  let contactId: string;
  let step = 0;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    workspaceId = (await database.db.prisma.workspace.create({ data: { name: 'Roastery', slug: 'roastery' } })).id;
    contactId = (await database.db.prisma.contact.create({ data: { workspaceId, email: 'ada@example.com', attributes: { plan: 'free' } } })).id;
  });
  afterAll(() => database?.dispose());

  const context = (): ActionContext => {
    step += 1;
    const enrollmentId = '00000000-0000-4000-8000-000000000003';
    return {
      deps: testActivityDeps(database.db, registry),
      workspaceId, journeyId: '00000000-0000-4000-8000-000000000001', journeyVersionId: '00000000-0000-4000-8000-000000000002', enrollmentId,
      contactId, nodeId: `node-${step}`, idempotencyKey: `${enrollmentId}:node-${step}:${step}`, variables: {}, now: Date.now(),
    };
  };
  const run = (actionId: string, input: unknown) => registry.run(actionId, 1, context(), input);
  const topics = async (segmentId: string) =>
    (await database.db.prisma.outboxEntry.findMany({ where: { workspaceId }, orderBy: { id: 'asc' } }))
      .filter((entry) => JSON.stringify(entry.payload).includes(segmentId))
      .map((entry) => entry.topic);

  it('contact.set_attribute enters and leaves dynamic segments that read the attribute', async () => {
    const crm = { workspaceId, now: new Date(), currency: 'USD' };
    const pro = await saveSegment(database.db.prisma, crm, { name: 'Pro', kind: 'dynamic', criteria: { type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' } });
    await run('contact.set_attribute', { attribute: 'plan', value: 'pro' });
    expect(await database.db.prisma.segmentMembership.count({ where: { segmentId: pro.id, contactId } })).toBe(1);
    await run('contact.set_attribute', { attribute: 'plan', value: 'free' });
    expect(await database.db.prisma.segmentMembership.count({ where: { segmentId: pro.id, contactId } })).toBe(0);
    expect(await topics(pro.id)).toEqual(['segment.entered', 'segment.exited']);
  });

  it('lifecycle.set_stage and segment.add reach the segments built on them', async () => {
    const crm = { workspaceId, now: new Date(), currency: 'USD' };
    const atRisk = await saveSegment(database.db.prisma, crm, { name: 'At risk', kind: 'dynamic', criteria: { type: 'lifecycle_stage', operator: 'in', values: ['at_risk'] } });
    await run('lifecycle.set_stage', { stage: 'at_risk', reason: 'Ignored three win-back emails' });
    expect(await topics(atRisk.id)).toEqual(['segment.entered']);

    const vip = await saveSegment(database.db.prisma, crm, { name: 'VIP list', kind: 'static' });
    const vipAtRisk = await saveSegment(database.db.prisma, crm, { name: 'VIP at risk', kind: 'dynamic', criteria: { all: [{ type: 'segment', segmentId: vip.id, operator: 'member' }, { type: 'segment', segmentId: atRisk.id, operator: 'member' }] } });
    expect(await run('segment.add', { segmentId: vip.id })).toEqual({ outcome: 'done' });
    expect(await run('segment.add', { segmentId: vip.id })).toEqual({ outcome: 'unchanged' });
    expect(await topics(vip.id)).toEqual(['segment.entered']);
    expect(await topics(vipAtRisk.id)).toEqual(['segment.entered']);
    await expect(run('segment.add', { segmentId: atRisk.id })).rejects.toThrow('only static segments can be changed by a journey');
  });
});
