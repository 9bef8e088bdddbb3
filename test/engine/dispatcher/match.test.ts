import { entryEventOf } from '../../../engine/dispatcher/entry-event';
import { crossesThreshold, matchingJourneys } from '../../../engine/dispatcher/match';
import { readChange } from '../../../engine/dispatcher/changes';
import { buildTriggerIndex, type LiveJourney } from '../../../engine/dispatcher/trigger-index';
import { change, live, outboxEntry } from './fixtures';

const names = (journeys: readonly LiveJourney[]): string[] => journeys.map((journey) => journey.journeyId).sort();

describe('trigger matching', () => {
  const index = buildTriggerIndex([
    live('cart', { type: 'event', event: 'Added to Cart' }),
    live('big-cart', { type: 'event', event: 'Added to Cart', filter: { type: 'property', property: 'total', operator: 'gte', value: 100 } }),
    live('order', { type: 'event', event: 'Order Completed' }),
    live('vip-in', { type: 'segment_entered', segmentId: 'seg-vip' }),
    live('vip-out', { type: 'segment_exited', segmentId: 'seg-vip' }),
    live('lapsed-in', { type: 'segment_entered', segmentId: 'seg-lapsed' }),
    live('plan-any', { type: 'attribute_changed', attribute: 'contact.attributes.plan' }),
    live('plan-pro', { type: 'attribute_changed', attribute: 'attributes.plan', to: 'pro' }),
    live('seats-5', { type: 'attribute_changed', attribute: 'contact.attributes.seats', to: 5 }),
    live('email', { type: 'attribute_changed', attribute: 'email' }),
    live('lead-hot', { type: 'score_crossed', model: 'lead', threshold: 50, direction: 'above' }),
    live('lead-cold', { type: 'score_crossed', model: 'lead', threshold: 50, direction: 'below' }),
    live('churn-high', { type: 'score_crossed', model: 'churn_risk', threshold: 0.7, direction: 'above' }),
    live('any-stage', { type: 'stage_changed' }),
    live('to-at-risk', { type: 'stage_changed', to: 'at_risk' }),
    live('loyal-to-at-risk', { type: 'stage_changed', from: 'loyal', to: 'at_risk' }),
    live('from-prospect', { type: 'stage_changed', from: 'prospect' }),
    live('birthday', { type: 'date_attribute', attribute: 'contact.attributes.birthday', offsetDays: 0, recurrence: 'yearly', at: '09:00' }),
    live('weekly', { type: 'schedule', cron: '0 9 * * MON', timezone: 'Europe/London' }),
    live('by-hand', { type: 'manual' }),
  ]);
  const matches = (topic: string, payload: Record<string, unknown>): string[] => names(matchingJourneys(index, change(topic, payload)));
  const tracked = (name: string, properties: Record<string, unknown> = {}) => ({ eventId: 'e1', name, messageId: 'm1', occurredAt: '2026-12-01T10:00:00.000Z', properties });

  it('starts event journeys by event name, applying the trigger filter to the event', () => {
    expect(matches('event.tracked', tracked('Added to Cart', { total: 40 }))).toEqual(['cart']);
    expect(matches('event.tracked', tracked('Added to Cart', { total: 100 }))).toEqual(['big-cart', 'cart']);
    expect(matches('event.tracked', tracked('Added to Cart', { total: '250' }))).toEqual(['big-cart', 'cart']);
    expect(matches('event.tracked', tracked('Added to Cart'))).toEqual(['cart']);
    expect(matches('event.tracked', tracked('Order Completed'))).toEqual(['order']);
    expect(matches('event.tracked', tracked('added to cart'))).toEqual([]);
    expect(matches('event.tracked', tracked('Page Viewed'))).toEqual([]);
  });

  it('starts segment journeys by segment id and direction', () => {
    expect(matches('segment.entered', { segmentId: 'seg-vip', source: 'criteria' })).toEqual(['vip-in']);
    expect(matches('segment.exited', { segmentId: 'seg-vip', source: 'criteria' })).toEqual(['vip-out']);
    expect(matches('segment.entered', { segmentId: 'seg-lapsed', source: 'sweep' })).toEqual(['lapsed-in']);
    expect(matches('segment.exited', { segmentId: 'seg-lapsed', source: 'sweep' })).toEqual([]);
    expect(matches('segment.entered', { segmentId: 'seg-other', source: 'manual' })).toEqual([]);
  });

  it('starts attribute journeys on the field, spelled either way, and on the new value when one is set', () => {
    expect(matches('contact.attribute_changed', { field: 'attributes.plan', from: 'free', to: 'pro' })).toEqual(['plan-any', 'plan-pro']);
    expect(matches('contact.attribute_changed', { field: 'attributes.plan', from: 'pro', to: 'team' })).toEqual(['plan-any']);
    expect(matches('contact.attribute_changed', { field: 'contact.attributes.plan', to: 'pro' })).toEqual(['plan-any', 'plan-pro']);
    // Removed: the key is absent from the payload; "changed to pro" does not hold.
    expect(matches('contact.attribute_changed', { field: 'attributes.plan', from: 'pro' })).toEqual(['plan-any']);
    // Equality as conditions define it: a numeric string equals the number.
    expect(matches('contact.attribute_changed', { field: 'attributes.seats', from: 3, to: '5' })).toEqual(['seats-5']);
    expect(matches('contact.attribute_changed', { field: 'attributes.seats', from: 3, to: 6 })).toEqual([]);
    expect(matches('contact.attribute_changed', { field: 'email', from: 'a@example.com', to: 'b@example.com' })).toEqual(['email']);
    expect(matches('contact.attribute_changed', { field: 'attributes.email', to: 'b@example.com' })).toEqual([]);
  });

  it('starts score journeys only when the score crosses the threshold in the trigger direction, per model', () => {
    const lead = (from: number | null, to: number | null) => matches('score.changed', { model: 'lead', field: 'score', from, to });
    expect(lead(40, 60)).toEqual(['lead-hot']);
    expect(lead(49, 50)).toEqual(['lead-hot']);
    expect(lead(null, 55)).toEqual(['lead-hot']);
    expect(lead(50, 49)).toEqual(['lead-cold']);
    expect(lead(80, 10)).toEqual(['lead-cold']);
    expect(lead(50, 60)).toEqual([]);
    expect(lead(10, 20)).toEqual([]);
    expect(lead(60, null)).toEqual([]);
    expect(lead(null, 10)).toEqual([]);
    expect(matches('score.changed', { model: 'churn_risk', field: 'probability', from: 0.69, to: 0.7 })).toEqual(['churn-high']);
    expect(matches('score.changed', { model: 'engagement', field: 'score', from: 10, to: 90 })).toEqual([]);
  });

  it('starts stage journeys on the optional from and to stages', () => {
    const stage = (from: string | null, to: string) => matches('lifecycle.stage_changed', { from, to, reason: 'test' });
    expect(stage('loyal', 'at_risk')).toEqual(['any-stage', 'loyal-to-at-risk', 'to-at-risk']);
    expect(stage('active', 'at_risk')).toEqual(['any-stage', 'to-at-risk']);
    expect(stage('prospect', 'new_customer')).toEqual(['any-stage', 'from-prospect']);
    expect(stage(null, 'prospect')).toEqual(['any-stage']);
  });

  it('never starts date, schedule or manual journeys from changes, nor anything from changes without triggers', () => {
    expect(matches('contact.attribute_changed', { field: 'attributes.birthday', to: '1990-01-01' })).toEqual([]);
    expect(matches('journey_stage.changed', { from: 'awareness', to: 'purchase', reason: 'test' })).toEqual([]);
    expect(matches('rfm.segment_changed', { from: null, to: 'champions' })).toEqual([]);
    expect(matches('lead.qualification_changed', { from: 'none', to: 'mql' })).toEqual([]);
    expect(matches('loyalty.tier_changed', { programId: 'p', fromTierId: null, toTierId: 't', reason: 'test' })).toEqual([]);
  });
});

describe('consent triggers', () => {
  const index = buildTriggerIndex([
    live('any-consent', { type: 'consent_changed' }),
    live('sms-withdrawn', { type: 'consent_changed', channel: 'sms', to: 'withdrawn' }),
    live('email-marketing', { type: 'consent_changed', channel: 'email', purpose: 'marketing' }),
    live('newsletter', { type: 'consent_changed', topic: 'newsletter' }),
    live('newsletter-left', { type: 'consent_changed', topic: 'newsletter', to: 'withdrawn' }),
    live('awaiting-confirmation', { type: 'consent_changed', channel: 'email', to: 'pending' }),
  ]);
  const consent = (channel: string, purpose: string, to: string, subscriptionTopic: string | null = null, from: string | null = 'granted') =>
    names(matchingJourneys(index, change('consent.changed', { channel, purpose, subscriptionTopic, from, to, source: 'api' })));

  it('starts on the channel’s own consent, narrowed by channel, purpose and the new state', () => {
    expect(consent('sms', 'marketing', 'withdrawn')).toEqual(['any-consent', 'sms-withdrawn']);
    expect(consent('sms', 'transactional', 'withdrawn')).toEqual(['any-consent', 'sms-withdrawn']);
    expect(consent('sms', 'marketing', 'granted', null, 'withdrawn')).toEqual(['any-consent']);
    expect(consent('email', 'marketing', 'granted', null, null)).toEqual(['any-consent', 'email-marketing']);
    expect(consent('email', 'marketing', 'pending', null, null)).toEqual(['any-consent', 'awaiting-confirmation', 'email-marketing']);
    expect(consent('email', 'transactional', 'withdrawn')).toEqual(['any-consent']);
  });

  it('starts topic journeys on that topic’s choices only, and channel journeys never on a topic choice', () => {
    expect(consent('email', 'marketing', 'withdrawn', 'newsletter')).toEqual(['newsletter', 'newsletter-left']);
    expect(consent('email', 'marketing', 'granted', 'newsletter', null)).toEqual(['newsletter']);
    expect(consent('sms', 'marketing', 'withdrawn', 'flash-sales')).toEqual([]);
  });

  it('refuses a consent payload that does not name a known channel or state', () => {
    const entry = (payload: Record<string, unknown>) => readChange(outboxEntry('consent.changed', { channel: 'sms', purpose: 'marketing', subscriptionTopic: null, from: null, to: 'withdrawn', source: 'api', ...payload }));
    expect(entry({})).toMatchObject({ kind: 'change' });
    expect(entry({ channel: 'fax' })).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('/channel') });
    expect(entry({ to: 'maybe' })).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('/to') });
    expect(entry({ subscriptionTopic: undefined })).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('subscriptionTopic') });
  });
});

describe('threshold crossing edges', () => {
  const above = { threshold: 50, direction: 'above' } as const;
  const below = { threshold: 50, direction: 'below' } as const;
  it.each([
    [above, 49.999, 50, true],
    [above, 50, 50.001, false],
    [above, 50, 50, false],
    [above, null, 50, true],
    [above, null, 49, false],
    [above, 60, 40, false],
    [above, 40, null, false],
    [below, 50, 49.999, true],
    [below, 50.001, 50, false],
    [below, 49, 10, false],
    [below, null, 10, false],
    [below, 60, null, false],
    [below, 40, 60, false],
  ])('%o from %p to %p crosses: %p', (trigger, from, to, expected) => {
    expect(crossesThreshold(trigger, { from, to })).toBe(expected);
  });

  it('handles negative and fractional thresholds', () => {
    expect(crossesThreshold({ threshold: -1.5, direction: 'above' }, { from: -2, to: -1.5 })).toBe(true);
    expect(crossesThreshold({ threshold: 0, direction: 'below' }, { from: 0, to: -0.01 })).toBe(true);
    expect(crossesThreshold({ threshold: 0, direction: 'above' }, { from: null, to: 0 })).toBe(true);
  });
});

describe('reading outbox entries', () => {
  it('checks payloads against their topic, ignores unknown topics and names the bad field', () => {
    expect(readChange(outboxEntry('order.placed', { anything: true }))).toEqual({ kind: 'ignored' });
    expect(readChange(outboxEntry('score.changed', { model: 'lead', field: 'score', from: '40', to: 60 }))).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('/from') });
    expect(readChange(outboxEntry('score.changed', { model: 'karma', field: 'score', from: 1, to: 2 }))).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('/model') });
    expect(readChange(outboxEntry('segment.entered', { contactId: 'not-a-uuid', segmentId: 's' }))).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('/contactId') });
    expect(readChange(outboxEntry('event.tracked', { name: 'x', occurredAt: 'now', properties: {} }))).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('messageId') });
    expect(readChange({ ...outboxEntry('segment.exited', {}), payload: 'text' })).toMatchObject({ kind: 'invalid' });
  });

  it('enters with the tracked event itself, or with an event named after the change whose message id is the outbox entry', () => {
    const tracked = change('event.tracked', { eventId: 'e9', name: 'Order Completed', messageId: 'shop-42', occurredAt: '2026-12-01T09:00:00.000Z', properties: { total: 12 } });
    expect(entryEventOf(tracked)).toEqual({ name: 'Order Completed', messageId: 'shop-42', occurredAt: '2026-12-01T09:00:00.000Z', properties: { total: 12 } });
    const entered = change('segment.entered', { segmentId: 'seg-vip', source: 'criteria' });
    expect(entryEventOf(entered)).toEqual({ name: 'segment.entered', messageId: `outbox:${entered.entryId}`, occurredAt: '2026-12-01T10:00:00.000Z', properties: { segmentId: 'seg-vip', source: 'criteria' } });
    // The same entry delivered again enters with the same message id (the run ignores it).
    expect(entryEventOf(entered).messageId).toBe(entryEventOf({ ...entered }).messageId);
  });
});
