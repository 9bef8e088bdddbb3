import { startLocalTemporal } from '../../support/temporal';
import { days, draft, email, trigger, wait } from './drafts';
import { createWorkspace, publish, runInput, startRun, untilWaitingAt } from './harness';
import { useJourneySuite } from './suite';

// On the dev server (real visibility store): runs can be listed and counted per journey,
// version, node and contact, which is what per-node "in progress" counts can be built on.
describe('journey search attributes on the dev server', () => {
  const suite = useJourneySuite('journey-search-attributes', { startServer: startLocalTemporal });

  it('lists and counts runs by journey, version, node and contact', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null, bob: null });
    const published = await publish(suite.db, fixture, draft([trigger(), wait('hold', { type: 'delay', duration: days(10) }), email('later')], [['start', 'hold'], ['hold', 'later']]), suite.actions);
    const ada = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'));
    const bob = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'bob'));
    await untilWaitingAt(ada, 'hold');
    await untilWaitingAt(bob, 'hold');

    const query = `JourneyId = "${fixture.journeyId}" AND JourneyVersion = 1 AND JourneyNodeId = "hold" AND ExecutionStatus = "Running"`;
    let count = 0;
    for (let attempt = 0; attempt < 100 && count < 2; attempt += 1) {
      count = (await suite.env.client.workflow.count(query)).count;
      if (count < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(count).toBe(2);
    const listed: string[] = [];
    for await (const execution of suite.env.client.workflow.list({ query: `JourneyContactId = "${fixture.contactIds.ada}"` })) listed.push(execution.workflowId);
    expect(listed).toEqual([ada.workflowId]);
    await ada.terminate('test over');
    await bob.terminate('test over');
  });
});
