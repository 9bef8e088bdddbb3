import type { Condition } from '../../../engine/journey/schema';
import { contactChangedSignal, journeyEventSignal } from '../../../workflows/journey';
import { days, draft, email, trigger, wait } from './drafts';
import { createWorkspace, event, nodePath, publish, runInput, settled, startRun, untilWaitingAt, keepHistory } from './harness';
import { useJourneySuite } from './suite';

const suite = useJourneySuite('journey-exits');

const longWait = (settings: Record<string, unknown> = {}) =>
  draft([trigger(), wait('month', { type: 'delay', duration: days(30) }), email('late')], [['start', 'month'], ['month', 'late']], settings);

describe('goal and exit criteria', () => {
  it('a goal event interrupts a 30-day wait and records where the contact left', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    const published = await publish(suite.db, fixture, longWait({ exitCriteria: [{ type: 'event', event: 'Order Completed', goal: true }] }), suite.actions);
    const handle = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada', { entryEvent: event('Signed Up') }));
    await untilWaitingAt(handle, 'month');
    await handle.signal(journeyEventSignal, event('Order Completed', { total: 30 }));
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'exited', exitReason: 'goal_reached' });
    await keepHistory(handle, 'goal-exit-during-wait');
    if (result.status === 'not_entered') throw new Error('not entered');
    expect(await nodePath(suite.db, result.enrollmentId)).toEqual(['start:event', 'month:goal_reached']);
    const enrollment = await suite.db.prisma.journeyEnrollment.findUniqueOrThrow({ where: { id: result.enrollmentId } });
    expect(enrollment).toMatchObject({ status: 'exited', exitReason: 'goal_reached' });
    expect(suite.sent.filter((message) => message.contactId === fixture.contactIds.ada)).toEqual([]);
  });

  it('a condition exit criterion fires when the contact changes during a wait', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    const unsubscribed: Condition = { type: 'attribute', field: 'doNotContact', operator: 'equals', value: true };
    const published = await publish(suite.db, fixture, longWait({ exitCriteria: [{ type: 'condition', condition: unsubscribed, goal: false }] }), suite.actions);
    const handle = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'));
    await untilWaitingAt(handle, 'month');
    await suite.db.prisma.contact.update({ where: { id: fixture.contactIds.ada }, data: { doNotContact: true } });
    await handle.signal(contactChangedSignal);
    expect(await handle.result()).toMatchObject({ status: 'exited', exitReason: 'exit_criteria' });
  });
});

describe('cancellation', () => {
  it('a cancelled run records its enrollment as cancelled', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    const published = await publish(suite.db, fixture, longWait(), suite.actions);
    const handle = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'));
    await untilWaitingAt(handle, 'month');
    await handle.cancel();
    await expect(handle.result()).rejects.toThrow();
    const enrollment = await suite.db.prisma.journeyEnrollment.findFirstOrThrow({ where: { journeyId: fixture.journeyId } });
    expect(enrollment).toMatchObject({ status: 'cancelled', exitReason: 'cancelled' });
  });
});

describe('entry rules', () => {
  const quick = (settings: Record<string, unknown>) => draft([trigger(), email('hello')], [['start', 'hello']], settings);

  it('never: a contact enters once', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    const published = await publish(suite.db, fixture, quick({ reentry: { mode: 'never' } }), suite.actions);
    const first = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'));
    const entered = await first.result();
    if (entered.status === 'not_entered') throw new Error('the first run did not enter');
    expect(entered.status).toBe('completed');
    const second = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'));
    expect(await second.result()).toEqual({ status: 'not_entered', reason: 'already_entered' });
    // The first step is an action, so the entry rode along with it: the refused run sent nothing,
    // and the one send carries the key of the enrollment its activity began (step 2: after the trigger).
    expect(suite.sent.filter((message) => message.contactId === fixture.contactIds.ada)).toEqual([expect.objectContaining({ nodeId: 'hello', idempotencyKey: `${entered.enrollmentId}:hello:2` })]);
    await keepHistory(first, 'reentry-never-entered');
    await keepHistory(second, 'reentry-never-refused');
  });

  it('after a cooldown: refused inside it, admitted after it', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    const published = await publish(suite.db, fixture, quick({ reentry: { mode: 'after_cooldown', cooldown: days(7) } }), suite.actions);
    // settled(), not result(): result() may jump the test server's clock past the cooldown.
    const start = async () => settled(await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada')));
    expect(await start()).toMatchObject({ status: 'completed' });
    expect(await start()).toEqual({ status: 'not_entered', reason: 'cooldown' });
    await suite.env.sleep('8 days');
    expect(await start()).toMatchObject({ status: 'completed' });
  });

  it('entry filter and entry limit', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null, bob: null, cy: null });
    await suite.db.prisma.contact.update({ where: { id: fixture.contactIds.bob }, data: { status: 'lost' } });
    const activeOnly: Condition = { type: 'attribute', field: 'status', operator: 'equals', value: 'active' };
    const published = await publish(suite.db, fixture, quick({ entryFilter: activeOnly, entryLimit: 1 }), suite.actions);
    const start = (name: string) => startRun(suite.env, suite.taskQueue, runInput(fixture, published, name));
    expect(await (await start('bob')).result()).toEqual({ status: 'not_entered', reason: 'entry_filter' });
    expect(await (await start('ada')).result()).toMatchObject({ status: 'completed' });
    expect(await (await start('cy')).result()).toEqual({ status: 'not_entered', reason: 'entry_limit' });
  });

  it('a journey that is not active (paused, archived, draft) refuses entry; active again, it admits', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    const published = await publish(suite.db, fixture, quick({ reentry: { mode: 'always' } }), suite.actions);
    const start = async () => (await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'))).result();
    for (const status of ['paused', 'archived', 'draft'] as const) {
      await suite.db.prisma.journey.update({ where: { id: fixture.journeyId }, data: { status } });
      expect(await start()).toEqual({ status: 'not_entered', reason: 'journey_not_active' });
    }
    expect(await suite.db.prisma.journeyEnrollment.count({ where: { journeyId: fixture.journeyId } })).toBe(0);
    await suite.db.prisma.journey.update({ where: { id: fixture.journeyId }, data: { status: 'active' } });
    expect(await start()).toMatchObject({ status: 'completed' });
  });

  it('one run per contact: the same entry event sent twice, or another entry event, reaches the running run', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    const published = await publish(suite.db, fixture, longWait(), suite.actions);
    const placed = event('Order Completed');
    const first = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada', { entryEvent: placed }));
    const again = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada', { entryEvent: placed }));
    const other = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada', { entryEvent: event('Order Completed') }));
    const runId = async (handle: typeof first) => (await handle.describe()).runId;
    expect(await runId(again)).toBe(await runId(first));
    expect(await runId(other)).toBe(await runId(first));
    await first.result();
    expect(await suite.db.prisma.journeyEnrollment.count({ where: { journeyId: fixture.journeyId } })).toBe(1);
  });
});
