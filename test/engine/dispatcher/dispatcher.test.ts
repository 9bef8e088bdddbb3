import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { changeConsent, type FlatDecision } from '../../../engine/consent';
import { announceOutbox } from '../../../engine/crm/changes/outbox';
import { contactChanged } from '../../../engine/crm/changes/contact-changed';
import { dependency } from '../../../engine/crm/segments/dependencies';
import { saveSegment } from '../../../engine/crm/segments/store';
import type { Database } from '../../../engine/db';
import { startDispatcher, type Dispatcher } from '../../../engine/dispatcher';
import { journeyWorkflowId, journeyStatusQuery } from '../../../workflows/journey';
import { openMigratedDatabase } from '../../support/database';
import { bundleWorkflows, startLocalTemporal } from '../../support/temporal';
import { journeyWorker, nodePath, recordingActions, untilWaitingAt, type SentMessage } from '../../workflows/journey/harness';
import { announce, eventually, publishTriggered, steps, trackedEvent, workspaceWith } from './world';

const TASK_QUEUE = 'dispatcher-test';

describe('trigger dispatcher (real Temporal dev server, PGlite)', () => {
  const sent: SentMessage[] = [];
  const actions = recordingActions(sent);
  const problems: string[] = [];
  let env: TestWorkflowEnvironment;
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: Database;
  let worker: Worker;
  let running: Promise<void>;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    const [started, bundle, opened] = await Promise.all([startLocalTemporal(), bundleWorkflows(), openMigratedDatabase('pglite')]);
    [env, database, db] = [started, opened, opened.db];
    worker = await journeyWorker(env, bundle, db, actions, TASK_QUEUE);
    running = worker.run();
    dispatcher = await startDispatcher(db, env.client, TASK_QUEUE, { retryMs: 500, onProblem: (problem) => problems.push(problem) });
  });
  afterAll(async () => {
    await dispatcher?.stop();
    worker?.shutdown();
    await running;
    await env?.teardown();
    await database?.dispose();
  });

  const enrollmentsOf = (journeyId: string, contactId?: string) =>
    db.prisma.journeyEnrollment.findMany({ where: { journeyId, ...(contactId && { contactId }) }, orderBy: { startedAt: 'asc' } });
  const undispatched = (workspaceId: string) => db.prisma.outboxEntry.count({ where: { workspaceId, dispatchedAt: null } });
  const dispatched = (workspaceId: string) => eventually(() => undispatched(workspaceId), (count) => count === 0, 'the outbox to be dispatched');
  const runsOf = async (workflowId: string): Promise<number> => {
    let count = 0;
    for await (const _ of env.client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) count += 1;
    return count;
  };
  const handleOf = (journeyId: string, contactId: string) => env.client.workflow.getHandle(journeyWorkflowId(journeyId, contactId));

  it('starts the matching published journey exactly once, however often and however concurrently the event arrives', async () => {
    const { workspaceId, contactIds } = await workspaceWith(db, ['ada', 'bob']);
    const ada = contactIds.ada ?? '';
    const cart = await publishTriggered(db, actions, workspaceId, 'Cart reminder', { type: 'event', event: 'Added to Cart' }, steps.waitForEvent('Order Completed'));
    const bigCart = await publishTriggered(db, actions, workspaceId, 'Big carts', { type: 'event', event: 'Added to Cart', filter: { type: 'property', property: 'total', operator: 'gte', value: 100 } }, steps.emailThenExit());
    const other = await publishTriggered(db, actions, workspaceId, 'Orders', { type: 'event', event: 'Order Refunded' }, steps.emailThenExit());

    // Ingestion sent the same event twice in one transaction, and twice more at the same time,
    // while a second dispatcher consumes the same outbox side by side.
    const second = await startDispatcher(db, env.client, TASK_QUEUE, { onProblem: (problem) => problems.push(problem) });
    try {
      const same = () => trackedEvent(ada, 'Added to Cart', 'cart-1', { total: 40 });
      await announce(db, workspaceId, same(), same());
      await Promise.all([announce(db, workspaceId, same()), announce(db, workspaceId, same()), second.drain(), dispatcher.drain()]);
      await dispatched(workspaceId);
    } finally {
      await second.stop();
    }
    const [enrollment] = await eventually(() => enrollmentsOf(cart), (rows) => rows.length > 0, 'the cart enrollment');
    await untilWaitingAt(handleOf(cart, ada), 'await');

    // At-least-once: the outbox delivers every entry once more (a crash before marking them).
    await db.prisma.outboxEntry.updateMany({ where: { workspaceId }, data: { dispatchedAt: null } });
    await announceOutbox(db.prisma, workspaceId);
    await dispatched(workspaceId);

    expect(await enrollmentsOf(cart)).toEqual([expect.objectContaining({ id: enrollment?.id, contactId: ada, status: 'running' })]);
    expect(await eventually(() => runsOf(journeyWorkflowId(cart, ada)), (count) => count > 0, 'the run in visibility')).toBe(1);
    expect(await handleOf(cart, ada).query(journeyStatusQuery)).toMatchObject({ nodeId: 'await', waiting: true, enrollmentId: enrollment?.id });
    // The filter kept the small cart out of "Big carts"; other events' journeys never started.
    expect(await enrollmentsOf(bigCart)).toEqual([]);
    expect(await enrollmentsOf(other)).toEqual([]);
    expect(await db.prisma.journeyEnrollment.count({ where: { workspaceId, contactId: contactIds.bob ?? '' } })).toBe(0);
    expect(problems).toEqual([]);
  });

  it('starts a segment-triggered journey when a contact enters the segment', async () => {
    const { workspaceId, contactIds } = await workspaceWith(db, ['ada', 'bob']);
    const ada = contactIds.ada ?? '';
    const segment = await saveSegment(db.prisma, { workspaceId, now: new Date(), currency: 'USD' }, { name: 'Pro plan', kind: 'dynamic', criteria: { type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' } });
    const welcome = await publishTriggered(db, actions, workspaceId, 'Welcome to Pro', { type: 'segment_entered', segmentId: segment.id }, steps.emailThenExit());
    const goodbye = await publishTriggered(db, actions, workspaceId, 'Sorry to see you go', { type: 'segment_exited', segmentId: segment.id }, steps.emailThenExit());

    await db.prisma.contact.update({ where: { id: ada }, data: { attributes: { plan: 'pro' } } });
    await contactChanged(db.prisma, { workspaceId, contactIds: [ada], touched: [dependency.contactField('attributes.plan')], now: new Date() });

    const [enrollment] = await eventually(() => enrollmentsOf(welcome), (rows) => rows[0]?.status === 'completed', 'the welcome run to complete');
    expect(enrollment?.contactId).toBe(ada);
    expect(sent.filter((message) => message.contactId === ada).map((message) => message.nodeId)).toEqual(['hello']);
    expect(await enrollmentsOf(goodbye)).toEqual([]);
    expect(await db.prisma.journeyEnrollment.count({ where: { workspaceId, contactId: contactIds.bob ?? '' } })).toBe(0);
  });

  it('delivers an in-journey event to the contact’s waiting run, and to no one else', async () => {
    const { workspaceId, contactIds } = await workspaceWith(db, ['ada', 'bob']);
    const ada = contactIds.ada ?? '';
    const bob = contactIds.bob ?? '';
    const review = await publishTriggered(db, actions, workspaceId, 'Review ask', { type: 'event', event: 'Order Completed' }, steps.waitForEvent('Review Submitted'));

    await announce(db, workspaceId, trackedEvent(ada, 'Order Completed'));
    await eventually(() => enrollmentsOf(review, ada), (rows) => rows.length === 1, 'ada’s enrollment');
    await untilWaitingAt(handleOf(review, ada), 'await');

    await announce(db, workspaceId, trackedEvent(ada, 'Review Submitted'), trackedEvent(bob, 'Review Submitted'));
    const [done] = await eventually(() => enrollmentsOf(review, ada), (rows) => rows[0]?.status === 'completed', 'ada’s run to complete');
    expect(await nodePath(db, done?.id ?? '')).toEqual(['start:event', 'await:received', 'done:completed']);
    // Bob is in no journey: his event entered him nowhere.
    expect(await enrollmentsOf(review, bob)).toEqual([]);
  });

  it('tells a run waiting on a condition that the contact changed, so it re-checks', async () => {
    const { workspaceId, contactIds } = await workspaceWith(db, ['ada']);
    const ada = contactIds.ada ?? '';
    const upgrade = await publishTriggered(db, actions, workspaceId, 'Upgrade watch', { type: 'event', event: 'Trial Started' }, steps.waitForCondition({ type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' }));

    await announce(db, workspaceId, trackedEvent(ada, 'Trial Started'));
    await eventually(() => enrollmentsOf(upgrade, ada), (rows) => rows.length === 1, 'ada’s enrollment');
    await untilWaitingAt(handleOf(upgrade, ada), 'await');

    await db.prisma.contact.update({ where: { id: ada }, data: { attributes: { plan: 'pro' } } });
    await announce(db, workspaceId, { topic: 'contact.attribute_changed', contactId: ada, field: 'attributes.plan', from: 'trial', to: 'pro' });
    const [done] = await eventually(() => enrollmentsOf(upgrade, ada), (rows) => rows[0]?.status === 'completed', 'the condition to be met');
    expect(await nodePath(db, done?.id ?? '')).toEqual(['start:event', 'await:met', 'done:completed']);
  });

  /** One decision on a channel's consent, as the consent route records it. */
  const decide = (workspaceId: string, contactId: string, channel: 'email' | 'sms', decision: 'granted' | 'withdrawn') => {
    const decisions: FlatDecision[] = [{ target: { kind: 'channel', channel, purpose: 'marketing' }, decision, field: `consent.${channel}.marketing` }];
    return changeConsent(db.prisma, workspaceId, contactId, decisions, { source: 'api', actor: 'system', at: new Date() });
  };

  it('starts a consent journey when a contact withdraws SMS consent, and not when one grants it', async () => {
    const { workspaceId, contactIds } = await workspaceWith(db, ['ada', 'bob']);
    const ada = contactIds.ada ?? '';
    const bob = contactIds.bob ?? '';
    const optedOut = await publishTriggered(db, actions, workspaceId, 'SMS opt-out', { type: 'consent_changed', channel: 'sms', to: 'withdrawn' }, steps.emailThenExit());

    await decide(workspaceId, bob, 'sms', 'granted');
    await decide(workspaceId, ada, 'sms', 'granted');
    await decide(workspaceId, ada, 'sms', 'withdrawn');
    await dispatched(workspaceId);

    const [enrollment] = await eventually(() => enrollmentsOf(optedOut), (rows) => rows[0]?.status === 'completed', 'ada’s opt-out run to complete');
    expect(enrollment?.contactId).toBe(ada);
    expect(await nodePath(db, enrollment?.id ?? '')).toEqual(['start:consent_changed', 'hello:sent', 'done:completed']);
    // Bob only granted: no run, in the enrollment table or in Temporal.
    expect(await enrollmentsOf(optedOut, bob)).toEqual([]);
    await expect(handleOf(optedOut, bob).describe()).rejects.toThrow(/not found/i);
    expect(await enrollmentsOf(optedOut)).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('tells a run waiting on a consent condition that consent changed, so it re-checks', async () => {
    const { workspaceId, contactIds } = await workspaceWith(db, ['ada']);
    const ada = contactIds.ada ?? '';
    const optIn = await publishTriggered(db, actions, workspaceId, 'Opt-in watch', { type: 'event', event: 'Signed Up' }, steps.waitForCondition({ type: 'consent', channel: 'email', messageType: 'marketing', status: 'granted' }));

    await announce(db, workspaceId, trackedEvent(ada, 'Signed Up'));
    await eventually(() => enrollmentsOf(optIn, ada), (rows) => rows.length === 1, 'ada’s enrollment');
    await untilWaitingAt(handleOf(optIn, ada), 'await');

    await decide(workspaceId, ada, 'email', 'granted');
    const [done] = await eventually(() => enrollmentsOf(optIn, ada), (rows) => rows[0]?.status === 'completed', 'the consent condition to be met');
    expect(await nodePath(db, done?.id ?? '')).toEqual(['start:event', 'await:met', 'done:completed']);
  });

  it('stops starting a paused journey and starts the new version after a publish: the index is invalidated', async () => {
    const { workspaceId, contactIds } = await workspaceWith(db, ['ada', 'bob', 'cy', 'dee']);
    const id = (name: string): string => contactIds[name] ?? '';
    const welcome = await publishTriggered(db, actions, workspaceId, 'Welcome', { type: 'event', event: 'Signed Up' }, steps.emailThenExit());
    const signUp = async (name: string): Promise<void> => {
      await announce(db, workspaceId, trackedEvent(id(name), 'Signed Up'));
      await dispatched(workspaceId);
    };

    await signUp('ada');
    await eventually(() => enrollmentsOf(welcome, id('ada')), (rows) => rows.length === 1, 'ada’s enrollment');

    // Paused by a plain update (another process, say): no announcement, the stamp notices.
    await db.prisma.journey.update({ where: { id: welcome }, data: { status: 'paused' } });
    await signUp('bob');
    await expect(handleOf(welcome, id('bob')).describe()).rejects.toThrow(/not found/i);

    await db.prisma.journey.update({ where: { id: welcome }, data: { status: 'active' } });
    await signUp('cy');
    await eventually(() => enrollmentsOf(welcome, id('cy')), (rows) => rows.length === 1, 'cy’s enrollment');

    // Version 2 through the publish path: new entrants get it.
    const v2 = await publishTriggered(db, actions, workspaceId, 'Welcome', { type: 'event', event: 'Signed Up' }, steps.waitForEvent('Profile Completed'));
    expect(v2).toBe(welcome);
    await signUp('dee');
    const [dee] = await eventually(() => enrollmentsOf(welcome, id('dee')), (rows) => rows.length === 1, 'dee’s enrollment');
    const version = await db.prisma.journeyVersion.findUniqueOrThrow({ where: { id: dee?.journeyVersionId ?? '' } });
    expect(version.version).toBe(2);
    expect(await enrollmentsOf(welcome, id('bob'))).toEqual([]);
  });

  it('reports and skips an entry whose payload is malformed, without holding back the ones after it', async () => {
    const { workspaceId, contactIds } = await workspaceWith(db, ['ada']);
    const ada = contactIds.ada ?? '';
    const welcome = await publishTriggered(db, actions, workspaceId, 'Hello', { type: 'event', event: 'Hello' }, steps.emailThenExit());
    const before = problems.length;
    await db.prisma.outboxEntry.create({ data: { workspaceId, topic: 'event.tracked', payload: { contactId: 'not-a-uuid', eventId: 'e1', name: 'Hello', messageId: 'm1', occurredAt: new Date().toISOString(), properties: {} } } });
    await announce(db, workspaceId, trackedEvent(ada, 'Hello'));
    await dispatched(workspaceId);
    await eventually(() => enrollmentsOf(welcome, ada), (rows) => rows.length === 1, 'ada’s enrollment');
    expect(problems.slice(before)).toEqual([expect.stringMatching(/event\.tracked.*contactId/)]);
  });
});
