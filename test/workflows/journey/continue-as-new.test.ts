import { journeyEventSignal } from '../../../workflows/journey';
import { days, draft, email, exit, trigger, wait } from './drafts';
import { createWorkspace, event, keepHistory, nodePath, publish, runInput, startRun, untilWaitingAt } from './harness';

async function untilContinued(handle: Awaited<ReturnType<typeof startRun>>, previousRunId: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if ((await handle.describe()).runId !== previousRunId) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the run never continued as new');
}
import { useJourneySuite } from './suite';

const suite = useJourneySuite('journey-continue-as-new');

// A small history limit makes the run continue-as-new in the middle of a wait (flooded with
// unrelated events) and between nodes. The state it carries must make that invisible.
describe('continue-as-new', () => {
  const journey = draft(
    [trigger(), wait('pause', { type: 'delay', duration: days(1) }), email('first'), wait('click', { type: 'event', event: 'Clicked', timeout: days(30) }), email('second'), exit()],
    [['start', 'pause'], ['pause', 'first'], ['first', 'click'], ['click', 'second', 'received'], ['click', 'end', 'timeout'], ['second', 'end']],
  );

  it('keeps cursor, step counter, visits, seen message ids and the wait deadline across runs', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null, bob: null });
    const published = await publish(suite.db, fixture, journey, suite.actions);
    // Reaching the wait takes ~45-70 events (more when the machine is loaded); the noise adds 150+.
    const knobs = { continueAsNewAtHistoryLength: 150 };
    // Taken before either run starts: Bob's one-day delay may begin before Ada reaches hers, so an
    // instant read after Ada's wait could be later than Bob's start and make his deadline look early.
    const startedAt = await suite.env.currentTimeMs();
    const ada = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada', knobs));
    const bob = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'bob', knobs));
    await untilWaitingAt(ada, 'pause');
    await suite.env.sleep('1 day');
    await untilWaitingAt(ada, 'click');
    await untilWaitingAt(bob, 'click');
    const firstRun = (await ada.describe()).runId;

    const duplicate = event('Clicked', {}, 'clicked-before-noise');
    for (let index = 0; index < 150; index += 1) await ada.signal(journeyEventSignal, event('Page Viewed', { index }));
    await untilContinued(ada, firstRun);
    await untilWaitingAt(ada, 'click');

    await ada.signal(journeyEventSignal, duplicate);
    await ada.signal(journeyEventSignal, duplicate);
    const adaResult = await ada.result();
    const bobResult = await bob.result();
    await keepHistory(ada, 'continue-as-new-resumed-wait');
    if (adaResult.status === 'not_entered' || bobResult.status === 'not_entered') throw new Error('both entered');

    expect(await nodePath(suite.db, adaResult.enrollmentId)).toEqual(['start:event', 'pause:elapsed', 'first:sent', 'click:received', 'second:sent', 'end:completed']);
    expect(adaResult.steps).toBe(6);
    const adaKeys = suite.sent.filter((message) => message.contactId === fixture.contactIds.ada).map((message) => message.idempotencyKey);
    expect(adaKeys).toEqual([`${adaResult.enrollmentId}:first:3`, `${adaResult.enrollmentId}:second:5`]);
    // One enrollment across all runs of the chain.
    expect(await suite.db.prisma.journeyEnrollment.count({ where: { contactId: fixture.contactIds.ada } })).toBe(1);

    // Bob's click wait timed out at its original deadline: 1 + 30 days after the start, not later.
    const bobEnded = (await suite.db.prisma.journeyEnrollment.findUniqueOrThrow({ where: { id: bobResult.enrollmentId } })).endedAt?.getTime() ?? 0;
    expect(bobEnded - startedAt).toBeGreaterThanOrEqual(31 * 86_400_000);
    expect(bobEnded - startedAt).toBeLessThan(31 * 86_400_000 + 3_600_000);
  });
});
