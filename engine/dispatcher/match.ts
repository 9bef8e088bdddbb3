import { compareJson, matchesInHand } from '../journey/conditions';
import type { Scalar, TriggerConfig } from '../journey/schema';
import type { ChangeOf, DispatchChange } from './changes';
import { entryEventOf } from './entry-event';
import { attributeKey, type LiveJourney, type TriggerIndex } from './trigger-index';

type ScoreTrigger = Extract<TriggerConfig, { type: 'score_crossed' }>;
type StageTrigger = Extract<TriggerConfig, { type: 'stage_changed' }>;
type ConsentTrigger = Extract<TriggerConfig, { type: 'consent_changed' }>;

/** The live journeys of a workspace that `change` starts (pure: entry rules come later, in the run). */
export function matchingJourneys(index: TriggerIndex, change: DispatchChange): readonly LiveJourney[] {
  switch (change.topic) {
    case 'event.tracked': {
      // The trigger's filter reads the event only, as event waits and exit criteria do;
      // conditions on the contact belong in the journey's entry filter.
      const event = entryEventOf(change);
      const inHand = { properties: event.properties, now: new Date() };
      return (index.event.get(change.payload.name) ?? []).filter((journey) => !journey.trigger.filter || matchesInHand(journey.trigger.filter, inHand));
    }
    case 'segment.entered':
      return index.segmentEntered.get(change.payload.segmentId) ?? [];
    case 'segment.exited':
      return index.segmentExited.get(change.payload.segmentId) ?? [];
    case 'contact.attribute_changed':
      return (index.attributeChanged.get(attributeKey(change.payload.field)) ?? []).filter((journey) => journey.trigger.to === undefined || changedTo(journey.trigger.to, change.payload.to));
    case 'score.changed':
      return (index.scoreCrossed.get(change.payload.model) ?? []).filter((journey) => crossesThreshold(journey.trigger, change.payload));
    case 'lifecycle.stage_changed':
      return index.stageChanged.filter((journey) => stageMatches(journey.trigger, change.payload));
    case 'consent.changed':
      return index.consentChanged.filter((journey) => consentMatches(journey.trigger, change.payload));
    case 'rfm.segment_changed':
    case 'journey_stage.changed':
    case 'lead.qualification_changed':
    case 'loyalty.tier_changed':
      return [];
  }
}

/** Equality as conditions define it ("equals"), so `"5"` matches `5` the way a condition would. */
function changedTo(expected: Scalar, actual: unknown): boolean {
  return compareJson(actual, { operator: 'equals', value: expected }, new Date());
}

/**
 * Whether a score moved across the threshold in the trigger's direction: above when it was
 * below and now reaches it (from < t ≤ to), below when it was at or above and now is under it
 * (from ≥ t > to). A contact with no score before (null from) was below every threshold; a
 * score that went away (null to) crosses nothing, since there is no value on the other side.
 */
export function crossesThreshold(trigger: Pick<ScoreTrigger, 'threshold' | 'direction'>, change: Pick<ChangeOf<'score.changed'>['payload'], 'from' | 'to'>): boolean {
  const { threshold } = trigger;
  const { from, to } = change;
  if (to === null) return false;
  if (trigger.direction === 'above') return (from === null || from < threshold) && to >= threshold;
  return from !== null && from >= threshold && to < threshold;
}

function stageMatches(trigger: StageTrigger, change: ChangeOf<'lifecycle.stage_changed'>['payload']): boolean {
  return (trigger.from === undefined || trigger.from === change.from) && (trigger.to === undefined || trigger.to === change.to);
}

/**
 * A trigger without a topic follows the channel's own consent, never topic choices: "SMS
 * consent withdrawn" must not start when the contact only left one SMS topic. With a topic,
 * it follows that topic's choices alone. Each of channel, purpose and `to` narrows when set.
 */
export function consentMatches(trigger: ConsentTrigger, change: Pick<ChangeOf<'consent.changed'>['payload'], 'channel' | 'purpose' | 'subscriptionTopic' | 'to'>): boolean {
  return (
    (trigger.topic ?? null) === change.subscriptionTopic &&
    (trigger.channel === undefined || trigger.channel === change.channel) &&
    (trigger.purpose === undefined || trigger.purpose === change.purpose) &&
    (trigger.to === undefined || trigger.to === change.to)
  );
}
