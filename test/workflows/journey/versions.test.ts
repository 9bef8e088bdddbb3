import { days, draft, email, sms, trigger, wait } from './drafts';
import { createWorkspace, nodePath, publish, runInput, startRun, untilWaitingAt } from './harness';
import { useJourneySuite } from './suite';

const suite = useJourneySuite('journey-versions');

describe('publishing a new version', () => {
  it('leaves contacts waiting in version 1 on version 1, and enters new contacts into version 2', async () => {
    const fixture = await createWorkspace(suite.db, { early: null, late: null });
    const v1 = await publish(suite.db, fixture, draft([trigger(), wait('pause', { type: 'delay', duration: days(3) }), email('v1-mail')], [['start', 'pause'], ['pause', 'v1-mail']]), suite.actions);
    const early = await startRun(suite.env, suite.taskQueue, runInput(fixture, v1, 'early'));
    await untilWaitingAt(early, 'pause');

    // Version 2 changes the wait and the message while "early" waits in version 1.
    const v2 = await publish(suite.db, fixture, draft([trigger(), wait('pause', { type: 'delay', duration: days(1) }), sms('v2-sms')], [['start', 'pause'], ['pause', 'v2-sms']]), suite.actions);
    const late = await startRun(suite.env, suite.taskQueue, runInput(fixture, v2, 'late'));

    const earlyResult = await early.result();
    const lateResult = await late.result();
    if (earlyResult.status === 'not_entered' || lateResult.status === 'not_entered') throw new Error('both entered');
    expect(await nodePath(suite.db, earlyResult.enrollmentId)).toEqual(['start:event', 'pause:elapsed', 'v1-mail:sent']);
    expect(await nodePath(suite.db, lateResult.enrollmentId)).toEqual(['start:event', 'pause:elapsed', 'v2-sms:sent']);
    const versionOf = async (enrollmentId: string) =>
      (await suite.db.prisma.journeyEnrollment.findUniqueOrThrow({ where: { id: enrollmentId }, include: { journeyVersion: true } })).journeyVersion.version;
    expect(await versionOf(earlyResult.enrollmentId)).toBe(1);
    expect(await versionOf(lateResult.enrollmentId)).toBe(2);
    const versionsOfRecords = await suite.db.prisma.nodeExecution.findMany({ where: { enrollmentId: earlyResult.enrollmentId }, select: { journeyVersionId: true }, distinct: ['journeyVersionId'] });
    expect(versionsOfRecords).toEqual([{ journeyVersionId: v1.journeyVersionId }]);
  });
});
