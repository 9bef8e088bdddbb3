import { createActionRegistry } from '../../../activities/actions';
import { createJourneyStarter } from '../../../engine/journeys';
import { draft, trigger } from '../../workflows/journey/drafts';
import { createWorkspace, nodePath, publish, runInput, startRun } from '../../workflows/journey/harness';
import { useJourneySuite } from '../../workflows/journey/suite';

// journey.start and notify.team inside real journey runs (time-skipping server, outbox mail).
const suite = useJourneySuite('flow-actions', {
  actions: createActionRegistry(),
  // Resolved per call: the suite's client and database exist only once it has started.
  journeys: { start: (request) => createJourneyStarter(suite.db.prisma, suite.env.client, suite.taskQueue).start(request) },
});

const action = (id: string, actionId: string, input: Record<string, unknown>) => ({ id, kind: 'action' as const, config: { actionId, actionVersion: 1, input } });

describe('flow actions', () => {
  it('journey.start enters the contact into the latest published version of another journey', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    const { prisma } = suite.db;
    // The other journey: published with a notification step, so its run is visible in the outbox.
    const other = await prisma.journey.create({ data: { workspaceId: fixture.workspaceId, name: 'Welcome series', status: 'active' } });
    const otherFixture = { ...fixture, journeyId: other.id };
    await publish(suite.db, otherFixture, draft([{ id: 'start', kind: 'trigger', config: { type: 'manual' } }, action('tell', 'notify.team', { to: 'sales@roastery.test', subject: 'New VIP: {{ contact.email }}', text: 'Say hello to {{ contact.firstName }} <3' })], [['start', 'tell']]), suite.actions);

    const published = await publish(suite.db, fixture, draft([trigger(), action('handoff', 'journey.start', { journeyId: other.id })], [['start', 'handoff']]), suite.actions);
    const result = await (await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'))).result();
    if (result.status === 'not_entered') throw new Error(result.reason);
    expect(await nodePath(suite.db, result.enrollmentId)).toEqual(['start:event', 'handoff:done']);

    // The started run completes on its own; wait for its notification to land in the outbox.
    let message = null;
    for (let attempt = 0; attempt < 100 && !message; attempt += 1) {
      message = await prisma.localOutboxMessage.findFirst({ where: { workspaceId: fixture.workspaceId, toAddress: 'sales@roastery.test' } });
      if (!message) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(message).toMatchObject({ subject: 'New VIP: ada@example.com', textBody: 'Say hello to ada <3' });
    expect(message?.body).toContain('Say hello to ada &lt;3');
    expect(await prisma.journeyEnrollment.count({ where: { journeyId: other.id, contactId: fixture.contactIds.ada } })).toBe(1);
  });

  it('journey.start of an unpublished journey fails the node', async () => {
    const fixture = await createWorkspace(suite.db, { bob: null });
    const draftOnly = await suite.db.prisma.journey.create({ data: { workspaceId: fixture.workspaceId, name: 'Not yet' } });
    const published = await publish(suite.db, fixture, draft([trigger(), action('handoff', 'journey.start', { journeyId: draftOnly.id })], [['start', 'handoff']]), suite.actions);
    const result = await (await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'bob'))).result();
    if (result.status === 'not_entered') throw new Error(result.reason);
    expect(await nodePath(suite.db, result.enrollmentId)).toEqual(['start:event', 'handoff:failed']);
  });
});
