import type { WorkflowHandle } from '@temporalio/client';
import { createActionRegistry } from '../../../activities/actions';
import { journeyStats } from '../../../engine/journeys/stats';
import type { journeyRun } from '../../../workflows/journey';
import { draft, trigger } from '../../workflows/journey/drafts';
import { createWorkspace, nodePath, publish, runInput, startRun, type JourneyFixture } from '../../workflows/journey/harness';
import { useJourneySuite } from '../../workflows/journey/suite';

// A template that cannot render fails its node at once: rendering does no I/O, so each of the
// action's 60 retries would render the same error, for about a day, with the contact stuck.
const suite = useJourneySuite('render-errors', { actions: createActionRegistry() });

const actionNode = (actionId: 'email' | 'sms', input: Record<string, unknown>) => ({ id: 'send', kind: 'action' as const, config: { actionId, actionVersion: 1, input } });

async function runThrough(fixture: JourneyFixture, node: ReturnType<typeof actionNode>) {
  const published = await publish(suite.db, fixture, draft([trigger(), node], [['start', 'send']]), suite.actions);
  const handle = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'));
  const result = await handle.result();
  if (result.status === 'not_entered') throw new Error(result.reason);
  return { handle, enrollmentId: result.enrollmentId };
}

/** The attempt the action activity ended on, from the run's history (a retried activity records only its last start). */
async function actionAttempts(handle: WorkflowHandle<typeof journeyRun>): Promise<number[]> {
  const { events } = await handle.fetchHistory();
  const scheduled = new Map<string, string>();
  const attempts: number[] = [];
  for (const event of events ?? []) {
    const name = event.activityTaskScheduledEventAttributes?.activityType?.name;
    if (name && event.eventId) scheduled.set(event.eventId.toString(), name);
    const started = event.activityTaskStartedEventAttributes;
    // A run's first action enters the contact too (`enterAndRunAction`); any later one is `runAction`.
    const activity = scheduled.get(started?.scheduledEventId?.toString() ?? '');
    if (started && (activity === 'runAction' || activity === 'enterAndRunAction')) attempts.push(started.attempt ?? 0);
  }
  return attempts;
}

async function marketingConsent(fixture: JourneyFixture, channel: 'email' | 'sms'): Promise<void> {
  const contactId = fixture.contactIds.ada ?? '';
  await suite.db.prisma.consent.create({ data: { workspaceId: fixture.workspaceId, contactId, channel, messageType: 'marketing', status: 'granted', source: 'test' } });
}

describe('a message whose Liquid cannot render', () => {
  it('fails an email node at once (one attempt), records why on the node and in the stats, and sends nothing', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    await marketingConsent(fixture, 'email');
    const { handle, enrollmentId } = await runThrough(fixture, actionNode('email', { subject: 'Hello {{ contact.firstName }}', html: '<p>{% if contact.firstName %}Hi</p>' }));

    expect(await nodePath(suite.db, enrollmentId)).toEqual(['start:event', 'send:failed']);
    expect(await actionAttempts(handle)).toEqual([1]);
    const record = await suite.db.prisma.nodeExecution.findFirstOrThrow({ where: { enrollmentId, nodeId: 'send' } });
    expect(record).toMatchObject({ status: 'failed', outcome: 'failed', error: expect.stringMatching(/^html has a Liquid error on line 1: /) });
    expect(await suite.db.prisma.localOutboxMessage.count({ where: { workspaceId: fixture.workspaceId } })).toBe(0);

    const stats = await journeyStats(suite.db.prisma, fixture.workspaceId, fixture.journeyId);
    expect(stats?.nodes.find((node) => node.nodeId === 'send')).toMatchObject({ failed: 1, reasons: [{ status: 'failed', reason: record.error, count: 1 }] });
  });

  it('fails an SMS node at once, naming the field', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    await suite.db.prisma.contact.update({ where: { id: fixture.contactIds.ada ?? '' }, data: { phone: '+447700900123' } });
    await marketingConsent(fixture, 'sms');
    const { handle, enrollmentId } = await runThrough(fixture, actionNode('sms', { body: 'Hi {{ contact.firstName }}{% endif %}', messageType: 'marketing' }));

    expect(await nodePath(suite.db, enrollmentId)).toEqual(['start:event', 'send:failed']);
    expect(await actionAttempts(handle)).toEqual([1]);
    expect(await suite.db.prisma.nodeExecution.findFirstOrThrow({ where: { enrollmentId, nodeId: 'send' } })).toMatchObject({ error: expect.stringMatching(/^body has a Liquid error on line 1: /) });
  });
});
