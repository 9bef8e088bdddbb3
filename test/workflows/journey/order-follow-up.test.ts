import { journeyEventSignal } from '../../../workflows/journey';
import { orderFollowUp } from '../../engine/journey/fixtures';
import { createWorkspace, event, keepHistory, nodePath, publish, runInput, startRun, untilWaitingAt } from './harness';
import { useJourneySuite } from './suite';

// The "done means" journey, end to end on the real time-skipping server with the
// real activities on a migrated database: order placed → wait 2 days → branch on lifetime
// value → email / SMS → wait for review_submitted up to 7 days → exit.
describe('order follow-up journey', () => {
  const suite = useJourneySuite('order-follow-up');

  it('takes the email branch for a high-value contact who reviews, and the SMS branch for one who does not', async () => {
    const fixture = await createWorkspace(suite.db, { ada: 900, bob: 120 });
    const published = await publish(suite.db, fixture, orderFollowUp(), suite.actions);
    const orderPlaced = event('Order Completed', { orderId: 'o-1', total: 42 });

    const ada = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada', { entryEvent: orderPlaced }));
    const bob = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'bob', { entryEvent: event('Order Completed') }));
    await untilWaitingAt(ada, 'wait-2d');
    await untilWaitingAt(bob, 'wait-2d');
    const startedAt = await suite.env.currentTimeMs();

    await suite.env.sleep('2 days');
    await untilWaitingAt(ada, 'review');
    await untilWaitingAt(bob, 'review');
    expect(suite.sent.map((message) => [message.actionId, message.contactId])).toEqual(
      expect.arrayContaining([
        ['email', fixture.contactIds.ada],
        ['sms', fixture.contactIds.bob],
      ]),
    );
    expect(suite.sent).toHaveLength(2);

    await ada.signal(journeyEventSignal, event('review_submitted', { stars: 5 }));
    const adaResult = await ada.result();
    const bobResult = await bob.result();
    await keepHistory(ada, 'order-follow-up-email-reviewed');
    await keepHistory(bob, 'order-follow-up-sms-timeout');
    expect(adaResult).toMatchObject({ status: 'completed', exitReason: 'finished' });
    expect(bobResult).toMatchObject({ status: 'completed', exitReason: 'finished' });
    if (adaResult.status === 'not_entered' || bobResult.status === 'not_entered') throw new Error('both entered');

    expect(await nodePath(suite.db, adaResult.enrollmentId)).toEqual(['placed:event', 'wait-2d:elapsed', 'by-value:high', 'email:sent', 'review:received', 'done:completed']);
    expect(await nodePath(suite.db, bobResult.enrollmentId)).toEqual(['placed:event', 'wait-2d:elapsed', 'by-value:else', 'sms:sent', 'review:timeout', 'done:completed']);

    // Bob waited the full 7 days for a review that never came: 9 days of journey in seconds.
    const bobEnrollment = await suite.db.prisma.journeyEnrollment.findUniqueOrThrow({ where: { id: bobResult.enrollmentId } });
    expect(bobEnrollment.status).toBe('completed');
    expect((bobEnrollment.endedAt?.getTime() ?? 0) - startedAt).toBeGreaterThanOrEqual(9 * 24 * 3_600_000);
    const idempotencyKeys = suite.sent.map((message) => message.idempotencyKey);
    expect(idempotencyKeys[0]).toMatch(/^[0-9a-f-]{36}:(email|sms):4$/);
  });
});
