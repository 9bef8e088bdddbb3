import { DateTime } from 'luxon';
import { contactChangedSignal, journeyEventSignal } from '../../../workflows/journey';
import { days, draft, email, exit, trigger, wait } from './drafts';
import { createWorkspace, event, nodePath, publish, runInput, startRun, untilWaitingAt, keepHistory } from './harness';
import { useJourneySuite } from './suite';

const suite = useJourneySuite('journey-waits');
const DAY = 86_400_000;

async function finished(handle: Awaited<ReturnType<typeof startRun>>) {
  const result = await handle.result();
  if (result.status === 'not_entered') throw new Error(`not entered: ${result.reason}`);
  return result;
}

describe('wait nodes', () => {
  it('delays by a fixed duration: 30 days pass in seconds', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    const published = await publish(suite.db, fixture, draft([trigger(), wait('month', { type: 'delay', duration: days(30) }), exit()], [['start', 'month'], ['month', 'end']]), suite.actions);
    const before = await suite.env.currentTimeMs();
    const result = await finished(await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada')));
    expect((await suite.env.currentTimeMs()) - before).toBeGreaterThanOrEqual(30 * DAY);
    expect(await nodePath(suite.db, result.enrollmentId)).toEqual(['start:event', 'month:elapsed', 'end:completed']);
  });

  it('waits until an absolute date, and until a contact date attribute shifted by an offset', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    const now = await suite.env.currentTimeMs();
    const renewal = DateTime.fromMillis(now + 10 * DAY, { zone: 'Europe/London' }).toISODate();
    await suite.db.prisma.contact.update({ where: { id: fixture.contactIds.ada }, data: { attributes: { renewalDate: renewal } } });
    const at = new Date(now + 3 * DAY).toISOString();
    const published = await publish(
      suite.db,
      fixture,
      draft(
        [trigger(), wait('fixed', { type: 'until_date', at }), wait('renewal', { type: 'until_date', attribute: 'contact.attributes.renewalDate', offsetMinutes: -24 * 60 }), exit()],
        [['start', 'fixed'], ['fixed', 'renewal'], ['renewal', 'end']],
      ),
      suite.actions,
    );
    const result = await finished(await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada')));
    const rows = await suite.db.prisma.nodeExecution.findMany({ where: { enrollmentId: result.enrollmentId }, orderBy: { step: 'asc' } });
    const completed = (id: string) => rows.find((row) => row.nodeId === id)?.completedAt?.getTime() ?? 0;
    expect(completed('fixed')).toBeGreaterThanOrEqual(Date.parse(at));
    // Midnight of the renewal day in the workspace's zone (the contact has none), one day earlier.
    const expected = DateTime.fromISO(renewal ?? '', { zone: 'Europe/London' }).minus({ days: 1 }).toMillis();
    expect(completed('renewal')).toBeGreaterThanOrEqual(expected);
    expect(completed('renewal') - expected).toBeLessThan(60_000);
  });

  it("waits for a time window in the contact's own time zone", async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    await suite.db.prisma.contact.update({ where: { id: fixture.contactIds.ada }, data: { timezone: 'America/New_York' } });
    const published = await publish(
      suite.db,
      fixture,
      draft(
        [trigger(), wait('night', { type: 'delay', duration: { amount: 1, unit: 'hours' } }), wait('office', { type: 'time_window', days: ['sat'], from: '09:00', to: '10:00', fallbackTimezone: 'UTC' }), exit()],
        [['start', 'night'], ['night', 'office'], ['office', 'end']],
      ),
      suite.actions,
    );
    const result = await finished(await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada')));
    const row = await suite.db.prisma.nodeExecution.findFirstOrThrow({ where: { enrollmentId: result.enrollmentId, nodeId: 'office' } });
    const local = DateTime.fromJSDate(row.completedAt ?? new Date(0), { zone: 'America/New_York' });
    expect(local.weekday).toBe(6);
    expect(local.hour).toBe(9);
  });

  it('takes the received output for a matching keyed event and ignores other carts', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    const published = await publish(
      suite.db,
      fixture,
      draft(
        [
          trigger('Cart Updated'),
          wait('checkout', {
            type: 'event',
            event: 'Checkout Completed',
            matchKey: 'cartId',
            filter: { type: 'property', property: 'total', operator: 'gte', value: 10 },
            timeout: days(3),
          }),
          email('thanks'),
          email('nudge'),
        ],
        [['start', 'checkout'], ['checkout', 'thanks', 'received'], ['checkout', 'nudge', 'timeout']],
      ),
      suite.actions,
    );
    const handle = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada', { entryEvent: event('Cart Updated', { cartId: 'c-1' }) }));
    await untilWaitingAt(handle, 'checkout');
    await handle.signal(journeyEventSignal, event('Checkout Completed', { cartId: 'c-2', total: 50 }));
    await handle.signal(journeyEventSignal, event('Checkout Completed', { cartId: 'c-1', total: 5 }));
    const matching = event('Checkout Completed', { cartId: 'c-1', total: 50 });
    await handle.signal(journeyEventSignal, matching);
    await handle.signal(journeyEventSignal, matching); // re-sent: same message id, ignored
    const result = await finished(handle);
    expect(await nodePath(suite.db, result.enrollmentId)).toEqual(['start:event', 'checkout:received', 'thanks:sent']);
  });

  it('waits for a condition: met when the contact changes, timeout otherwise', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null, bob: null });
    const published = await publish(
      suite.db,
      fixture,
      draft(
        [trigger(), wait('vip', { type: 'condition', condition: { type: 'attribute', field: 'attributes.tier', operator: 'equals', value: 'gold' }, timeout: days(14) }), email('welcome-gold')],
        [['start', 'vip'], ['vip', 'welcome-gold', 'met']],
      ),
      suite.actions,
    );
    const ada = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'));
    const bob = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'bob'));
    await untilWaitingAt(ada, 'vip');
    await untilWaitingAt(bob, 'vip');
    await ada.signal(contactChangedSignal); // nothing changed yet: keeps waiting
    await suite.db.prisma.contact.update({ where: { id: fixture.contactIds.ada }, data: { attributes: { tier: 'gold' } } });
    await ada.signal(contactChangedSignal);
    const adaResult = await finished(ada);
    await keepHistory(ada, 'condition-wait-met-on-change');
    const bobResult = await finished(bob);
    expect(await nodePath(suite.db, adaResult.enrollmentId)).toEqual(['start:event', 'vip:met', 'welcome-gold:sent']);
    expect(await nodePath(suite.db, bobResult.enrollmentId)).toEqual(['start:event', 'vip:timeout']);
  });
});
