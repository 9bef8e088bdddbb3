import type { ConditionLeaf, Criteria } from '../../journey/conditions/language';

/** The channels consent is kept for (as in engine/consent/input.ts, which this module must not import). */
const CONSENT_CHANNELS = ['email', 'sms', 'push', 'whatsapp'] as const;

/**
 * What a segment's criteria read, as dependency keys. A change names the keys it touched
 * ("contact:attributes.plan", "event:Added to Cart", "order", "score:lead", "segment:<id>"),
 * and only the segments depending on one of them are re-evaluated for that contact.
 */
export type DependencyKey = string;

export const dependency = {
  contactField: (field: string): DependencyKey => `contact:${field}`,
  tags: 'contact:tags' as DependencyKey,
  event: (name: string): DependencyKey => `event:${name}`,
  order: 'order' as DependencyKey,
  score: (model: string): DependencyKey => `score:${model}`,
  lifecycleStage: 'lifecycle_stage' as DependencyKey,
  journeyStage: 'journey_stage' as DependencyKey,
  loyalty: 'loyalty' as DependencyKey,
  consent: (channel: string): DependencyKey => `consent:${channel}`,
  topic: (key: string): DependencyKey => `topic:${key}`,
  segment: (segmentId: string): DependencyKey => `segment:${segmentId}`,
};

export interface CriteriaDependencies {
  readonly keys: DependencyKey[];
  /** Membership can change with time alone ("no order in 90 days"): swept on a schedule too. */
  readonly timeBased: boolean;
  /** Segments referenced by `segment` conditions (for cycle checks and evaluation order). */
  readonly segmentIds: string[];
}

const RELATIVE = new Set(['within_last_days', 'more_than_days_ago', 'within_next_days']);

export function dependenciesOf(criteria: Criteria): CriteriaDependencies {
  const keys = new Set<DependencyKey>();
  const segmentIds = new Set<string>();
  let timeBased = false;
  const visit = (node: Criteria): void => {
    if ('all' in node) return node.all.forEach(visit);
    if ('any' in node) return node.any.forEach(visit);
    if ('not' in node) return visit(node.not);
    const found = ofCondition(node);
    found.keys.forEach((key) => keys.add(key));
    if (node.type === 'segment') segmentIds.add(node.segmentId);
    timeBased ||= found.timeBased;
  };
  visit(criteria);
  return { keys: [...keys].sort(), timeBased, segmentIds: [...segmentIds].sort() };
}

function ofCondition(condition: ConditionLeaf): { keys: DependencyKey[]; timeBased: boolean } {
  switch (condition.type) {
    case 'property':
      // Only journeys test the event in hand, and it never changes: nothing to re-evaluate on.
      return { keys: [], timeBased: false };
    case 'attribute':
      return { keys: [dependency.contactField(condition.field)], timeBased: RELATIVE.has(condition.operator) };
    case 'tag':
      return { keys: [dependency.tags], timeBased: false };
    case 'event':
      return { keys: [dependency.event(condition.name)], timeBased: condition.withinDays !== undefined || (condition.where ?? []).some((filter) => RELATIVE.has(filter.operator)) };
    case 'event_last':
      return { keys: [dependency.event(condition.name)], timeBased: condition.operator !== 'never' };
    case 'order':
      return { keys: [dependency.order], timeBased: condition.withinDays !== undefined || condition.measure === 'days_since_last_order' };
    case 'score':
      return { keys: [dependency.score(condition.field.split('.')[0] ?? condition.field)], timeBased: RELATIVE.has(condition.operator) };
    case 'lifecycle_stage':
      return { keys: [dependency.lifecycleStage], timeBased: false };
    case 'journey_stage':
      return { keys: [dependency.journeyStage], timeBased: false };
    case 'loyalty':
      return { keys: [dependency.loyalty], timeBased: false };
    case 'consent':
      return { keys: [dependency.consent(condition.channel)], timeBased: false };
    case 'topic':
      // The topic's channel is not in the criteria: a change of any channel's consent re-checks it.
      return { keys: [dependency.topic(condition.topic), ...CONSENT_CHANNELS.map(dependency.consent)], timeBased: false };
    case 'segment':
      return { keys: [dependency.segment(condition.segmentId)], timeBased: false };
    case 'random_bucket':
      return { keys: [], timeBased: false };
  }
}
