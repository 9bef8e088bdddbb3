import { changeConsent, putTopic, type FlatDecision } from '../../../engine/consent';
import { bucketOf, pickByPercent } from '../../../engine/journey/conditions';
import type { Condition } from '../../../engine/journey/schema';
import { draft, email, exit, sms, trigger } from './drafts';
import { createWorkspace, nodePath, publish, runInput, startRun, keepHistory } from './harness';
import { useJourneySuite } from './suite';

const suite = useJourneySuite('journey-branches');

async function pathOf(handle: Awaited<ReturnType<typeof startRun>>): Promise<string[]> {
  const result = await handle.result();
  if (result.status === 'not_entered') throw new Error(`not entered: ${result.reason}`);
  return nodePath(suite.db, result.enrollmentId);
}

const predictedClvOver = (value: number): Condition => ({ type: 'score', field: 'clv.predicted', operator: 'gt', value });

describe('branch nodes', () => {
  it('takes the first matching condition in order, else the else output', async () => {
    const fixture = await createWorkspace(suite.db, { whale: 5_000, mid: 700, small: 50, unknown: null });
    const published = await publish(
      suite.db,
      fixture,
      draft(
        [
          trigger(),
          {
            id: 'value',
            kind: 'branch',
            config: {
              type: 'condition',
              branches: [
                { id: 'vip', label: 'Over 1000', condition: predictedClvOver(1_000) },
                { id: 'mid', label: 'Over 500', condition: predictedClvOver(500) },
              ],
            },
          },
          email('vip-mail'),
          email('mid-mail'),
          sms('else-sms'),
        ],
        [['start', 'value'], ['value', 'vip-mail', 'vip'], ['value', 'mid-mail', 'mid'], ['value', 'else-sms', 'else']],
      ),
      suite.actions,
    );
    const expected: Record<string, string[]> = {
      whale: ['start:event', 'value:vip', 'vip-mail:sent'],
      mid: ['start:event', 'value:mid', 'mid-mail:sent'],
      small: ['start:event', 'value:else', 'else-sms:sent'],
      unknown: ['start:event', 'value:else', 'else-sms:sent'],
    };
    for (const [contact, path] of Object.entries(expected)) {
      expect(await pathOf(await startRun(suite.env, suite.taskQueue, runInput(fixture, published, contact)))).toEqual(path);
    }
  });

  it('branches on subscription topics and consent as sending reads them', async () => {
    const fixture = await createWorkspace(suite.db, { subscribed: null, left: null, never: null, withdrewEmail: null, textsOnly: null });
    await putTopic(suite.db.prisma, fixture.workspaceId, 'newsletter', { name: 'Newsletter', channel: 'email', defaultSubscribed: false });
    type Decision = 'granted' | 'withdrawn';
    const marketing = (channel: 'email' | 'sms', decision: Decision): FlatDecision => ({ target: { kind: 'channel', channel, purpose: 'marketing' }, decision, field: `consent.${channel}.marketing` });
    const newsletter = (decision: Decision): FlatDecision => ({ target: { kind: 'topic', topic: 'newsletter' }, decision, field: 'consent.topics.newsletter' });
    const decide = (contact: string, ...decisions: FlatDecision[]) =>
      changeConsent(suite.db.prisma, fixture.workspaceId, fixture.contactIds[contact] ?? '', decisions, { source: 'admin', actor: 'system', at: new Date() });
    await decide('subscribed', marketing('email', 'granted'), newsletter('granted'));
    await decide('left', marketing('email', 'granted'), newsletter('withdrawn'));
    // Opt-in topic, never chosen: not subscribed even with email consent.
    await decide('never', marketing('email', 'granted'));
    // Chose the topic, then withdrew email marketing: the topic no longer reaches them.
    await decide('withdrewEmail', marketing('email', 'withdrawn'), newsletter('granted'));
    await decide('textsOnly', marketing('sms', 'granted'));
    const published = await publish(
      suite.db,
      fixture,
      draft(
        [
          trigger(),
          {
            id: 'reach',
            kind: 'branch',
            config: {
              type: 'condition',
              branches: [
                { id: 'news', label: 'Newsletter readers', condition: { type: 'topic', topic: 'newsletter', subscribed: true } },
                { id: 'texts', label: 'SMS marketing', condition: { type: 'consent', channel: 'sms', messageType: 'marketing', status: 'granted' } },
              ],
            },
          },
          email('news-mail'),
          sms('texts-sms'),
          exit('nothing'),
        ],
        [['start', 'reach'], ['reach', 'news-mail', 'news'], ['reach', 'texts-sms', 'texts'], ['reach', 'nothing', 'else']],
      ),
      suite.actions,
    );
    const expected: Record<string, string> = { subscribed: 'reach:news', left: 'reach:else', never: 'reach:else', withdrewEmail: 'reach:else', textsOnly: 'reach:texts' };
    for (const [contact, branch] of Object.entries(expected)) {
      const path = await pathOf(await startRun(suite.env, suite.taskQueue, runInput(fixture, published, contact)));
      expect([contact, path[1]]).toEqual([contact, branch]);
    }
  });

  it('assigns A/B variants by a sticky hash: the same contact gets the same variant on re-entry', async () => {
    const names = Array.from({ length: 12 }, (_, index) => `c${index}`);
    const fixture = await createWorkspace(suite.db, Object.fromEntries(names.map((name) => [name, null])));
    const variants = [
      { id: 'a', label: 'A', percent: 45 },
      { id: 'b', label: 'B', percent: 45 },
    ];
    const published = await publish(
      suite.db,
      fixture,
      draft([trigger(), { id: 'test', kind: 'branch', config: { type: 'ab_test', variants, holdoutPercent: 10 } }, email('mail-a'), email('mail-b'), exit('held')], [
        ['start', 'test'],
        ['test', 'mail-a', 'a'],
        ['test', 'mail-b', 'b'],
        ['test', 'held', 'holdout'],
      ]),
      suite.actions,
    );
    for (const name of names) {
      const contactId = fixture.contactIds[name] ?? '';
      const expected = pickByPercent([{ id: 'holdout', percent: 10 }, ...variants], bucketOf(contactId, fixture.journeyId, 'test'))?.id;
      for (let entry = 0; entry < 2; entry += 1) {
        const path = await pathOf(await startRun(suite.env, suite.taskQueue, runInput(fixture, published, name)));
        expect(path[1]).toBe(`test:${expected}`);
      }
    }
  });

  it('splits at random by a reproducible draw and always takes one of the paths', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null, bob: null, cy: null });
    const published = await publish(
      suite.db,
      fixture,
      draft(
        [trigger(), { id: 'coin', kind: 'branch', config: { type: 'random', paths: [{ id: 'heads', label: 'Heads', percent: 50 }, { id: 'tails', label: 'Tails', percent: 50 }] } }, exit('h'), exit('t')],
        [['start', 'coin'], ['coin', 'h', 'heads'], ['coin', 't', 'tails']],
      ),
      suite.actions,
    );
    for (const name of ['ada', 'bob', 'cy']) {
      const path = await pathOf(await startRun(suite.env, suite.taskQueue, runInput(fixture, published, name)));
      expect([['start:event', 'coin:heads', 'h:completed'], ['start:event', 'coin:tails', 't:completed']]).toContainEqual(path);
    }
  });
});

describe('action nodes', () => {
  it('calls the action with a step idempotency key and routes a permanent failure to its failed output', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    const published = await publish(
      suite.db,
      fixture,
      draft([trigger(), email('bounces', { failPermanently: true }), sms('fallback'), email('after')], [
        ['start', 'bounces'],
        ['bounces', 'fallback', 'failed'],
        ['bounces', 'after'],
      ]),
      suite.actions,
    );
    const handle = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'));
    const result = await handle.result();
    await keepHistory(handle, 'action-failed-output');
    if (result.status === 'not_entered') throw new Error('not entered');
    expect(await nodePath(suite.db, result.enrollmentId)).toEqual(['start:event', 'bounces:failed', 'fallback:sent']);
    const failed = await suite.db.prisma.nodeExecution.findFirstOrThrow({ where: { enrollmentId: result.enrollmentId, nodeId: 'bounces' } });
    expect(failed).toMatchObject({ status: 'failed', error: 'the address bounced' });
    const fallback = suite.sent.find((message) => message.nodeId === 'fallback' && message.contactId === fixture.contactIds.ada);
    expect(fallback?.idempotencyKey).toBe(`${result.enrollmentId}:fallback:3`);
  });
});
