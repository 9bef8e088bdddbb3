import { listensOf, listensToEvent } from '../../../engine/dispatcher/listens';
import type { Condition } from '../../../engine/journey/schema';
import { planWith } from './fixtures';

describe('what a version listens to', () => {
  it('collects event waits and event exit criteria, and whether conditions wait on data changes', () => {
    const plan = planWith(
      { type: 'event', event: 'Added to Cart' },
      {
        settings: {
          reentry: { mode: 'always' },
          exitCriteria: [{ type: 'event', event: 'Order Completed', goal: true }],
        },
        nodes: {
          start: { id: 'start', kind: 'trigger', config: { type: 'event', event: 'Added to Cart' }, next: { next: 'review' } },
          review: { id: 'review', kind: 'wait', config: { type: 'event', event: 'Review Submitted', timeoutMs: 1000 }, next: { received: null, timeout: null } },
        },
      },
    );
    const listens = listensOf(plan);
    expect(listensToEvent(listens, 'Review Submitted')).toBe(true);
    expect(listensToEvent(listens, 'Order Completed')).toBe(true);
    // The trigger's own event enters; it is not something the run waits for.
    expect(listensToEvent(listens, 'Added to Cart')).toBe(false);
    expect(listens.conditions).toBe(false);
  });

  it('notices condition waits and condition exit criteria', () => {
    const condition: Condition = { type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' };
    const waiting = planWith({ type: 'manual' }, {
      nodes: {
        start: { id: 'start', kind: 'trigger', config: { type: 'manual' }, next: { next: 'upgrade' } },
        upgrade: { id: 'upgrade', kind: 'wait', config: { type: 'condition', condition, timeoutMs: 1000 }, next: { met: null, timeout: null } },
      },
    });
    expect(listensOf(waiting).conditions).toBe(true);
    const exiting = planWith({ type: 'manual' }, { settings: { reentry: { mode: 'never' }, exitCriteria: [{ type: 'condition', condition, goal: false }] } });
    expect(listensOf(exiting).conditions).toBe(true);
    expect(listensOf(planWith({ type: 'manual' })).conditions).toBe(false);
  });
});
