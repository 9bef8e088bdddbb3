import { check } from '../../../engine/journey/compile/validators';
import { JourneyDraft, type JourneyDraftEnvelope } from '../../../engine/journey/schema';
import { latestPublishedVersion, publishJourney, saveJourneyDraft } from '../../../engine/journeys';
import { days, draft, email, sms, trigger, wait } from './drafts';
import { createWorkspace, nodePath, runInput, startRun, untilWaitingAt } from './harness';
import { useJourneySuite } from './suite';

const suite = useJourneySuite('journey-versions');
const isDraft = (value: unknown): value is JourneyDraftEnvelope => check(JourneyDraft, value);

// Through the product's own path: save a draft, publish it, enter contacts with the latest
// published version (what the dispatcher does), publish again while they wait.
describe('publishing a new version', () => {
  it('leaves contacts waiting in version 1 on version 1, and enters new contacts into version 2', async () => {
    const { prisma } = suite.db;
    const fixture = await createWorkspace(suite.db, { early: null, late: null });
    const publishDraft = async (value: unknown) => {
      if (!isDraft(value)) throw new Error('the test draft does not match the draft schema');
      const saved = await saveJourneyDraft(prisma, fixture.workspaceId, value);
      const published = await publishJourney(prisma, suite.actions.catalog(), fixture.workspaceId, saved.journeyId);
      if (!published.ok) throw new Error(`publish failed: ${JSON.stringify(published)}`);
      const latest = await latestPublishedVersion(prisma, fixture.workspaceId, saved.journeyId);
      if (!latest) throw new Error('nothing published');
      return { journeyId: saved.journeyId, latest };
    };

    const v1 = await publishDraft(draft([trigger(), wait('pause', { type: 'delay', duration: days(3) }), email('v1-mail')], [['start', 'pause'], ['pause', 'v1-mail']]));
    const journeyFixture = { ...fixture, journeyId: v1.journeyId };
    const early = await startRun(suite.env, suite.taskQueue, runInput(journeyFixture, v1.latest, 'early'));
    await untilWaitingAt(early, 'pause');

    // Version 2 changes the wait and the message while "early" waits in version 1.
    const v2 = await publishDraft(draft([trigger(), wait('pause', { type: 'delay', duration: days(1) }), sms('v2-sms')], [['start', 'pause'], ['pause', 'v2-sms']]));
    expect(v2.journeyId).toBe(v1.journeyId);
    expect(v2.latest.version).toBe(2);
    const late = await startRun(suite.env, suite.taskQueue, runInput(journeyFixture, v2.latest, 'late'));

    const earlyResult = await early.result();
    const lateResult = await late.result();
    if (earlyResult.status === 'not_entered' || lateResult.status === 'not_entered') throw new Error('both entered');
    expect(await nodePath(suite.db, earlyResult.enrollmentId)).toEqual(['start:event', 'pause:elapsed', 'v1-mail:sent']);
    expect(await nodePath(suite.db, lateResult.enrollmentId)).toEqual(['start:event', 'pause:elapsed', 'v2-sms:sent']);
    const versionOf = async (enrollmentId: string) => (await prisma.journeyEnrollment.findUniqueOrThrow({ where: { id: enrollmentId }, include: { journeyVersion: true } })).journeyVersion.version;
    expect(await versionOf(earlyResult.enrollmentId)).toBe(1);
    expect(await versionOf(lateResult.enrollmentId)).toBe(2);
    const recordVersions = await prisma.nodeExecution.findMany({ where: { enrollmentId: earlyResult.enrollmentId }, select: { journeyVersionId: true }, distinct: ['journeyVersionId'] });
    expect(recordVersions).toEqual([{ journeyVersionId: v1.latest.journeyVersionId }]);
  });
});
