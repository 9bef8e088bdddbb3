import type { JourneyPlan, TriggerConfig, TriggerType } from '../journey/schema';

/** A live journey as new entrants get it: its latest published version and that version's trigger. */
export interface LiveJourney<Trigger extends TriggerConfig = TriggerConfig> {
  readonly journeyId: string;
  readonly journeyVersionId: string;
  readonly version: number;
  readonly plan: JourneyPlan;
  readonly trigger: Trigger;
}

type TriggerOf<Type extends TriggerType> = Extract<TriggerConfig, { type: Type }>;
type Keyed<Type extends TriggerType> = ReadonlyMap<string, readonly LiveJourney<TriggerOf<Type>>[]>;

/**
 * One workspace's active journeys, grouped by what starts them, so a change looks up only the
 * journeys it can start: events by name, segments by id, attributes by field, scores by model
 * (stage and consent triggers are few and filtered on several optional fields: kept as lists).
 * Date, schedule and manual triggers do not start from outbox changes and are not indexed.
 */
export interface TriggerIndex {
  readonly event: Keyed<'event'>;
  readonly segmentEntered: Keyed<'segment_entered'>;
  readonly segmentExited: Keyed<'segment_exited'>;
  readonly attributeChanged: Keyed<'attribute_changed'>;
  readonly scoreCrossed: Keyed<'score_crossed'>;
  readonly stageChanged: readonly LiveJourney<TriggerOf<'stage_changed'>>[];
  readonly consentChanged: readonly LiveJourney<TriggerOf<'consent_changed'>>[];
}

/**
 * An attribute as both sides spell it: a trigger may name it as conditions do
 * (`contact.attributes.plan`) or as the CRM's change events do (`attributes.plan`).
 */
export const attributeKey = (field: string): string => (field.startsWith('contact.') ? field.slice('contact.'.length) : field);

/** The trigger node a plan starts at, if its entry node is one (the compiler guarantees it). */
export function triggerOf(plan: JourneyPlan): TriggerConfig | undefined {
  const entry = plan.nodes[plan.entryNodeId];
  return entry?.kind === 'trigger' ? entry.config : undefined;
}

export function buildTriggerIndex(journeys: readonly LiveJourney[]): TriggerIndex {
  const event = new Map<string, LiveJourney<TriggerOf<'event'>>[]>();
  const segmentEntered = new Map<string, LiveJourney<TriggerOf<'segment_entered'>>[]>();
  const segmentExited = new Map<string, LiveJourney<TriggerOf<'segment_exited'>>[]>();
  const attributeChanged = new Map<string, LiveJourney<TriggerOf<'attribute_changed'>>[]>();
  const scoreCrossed = new Map<string, LiveJourney<TriggerOf<'score_crossed'>>[]>();
  const stageChanged: LiveJourney<TriggerOf<'stage_changed'>>[] = [];
  const consentChanged: LiveJourney<TriggerOf<'consent_changed'>>[] = [];
  for (const journey of journeys) {
    const { trigger } = journey;
    switch (trigger.type) {
      case 'event':
        add(event, trigger.event, { ...journey, trigger });
        break;
      case 'segment_entered':
        add(segmentEntered, trigger.segmentId, { ...journey, trigger });
        break;
      case 'segment_exited':
        add(segmentExited, trigger.segmentId, { ...journey, trigger });
        break;
      case 'attribute_changed':
        add(attributeChanged, attributeKey(trigger.attribute), { ...journey, trigger });
        break;
      case 'score_crossed':
        add(scoreCrossed, trigger.model, { ...journey, trigger });
        break;
      case 'stage_changed':
        stageChanged.push({ ...journey, trigger });
        break;
      case 'consent_changed':
        consentChanged.push({ ...journey, trigger });
        break;
      case 'date_attribute':
      case 'schedule':
      case 'manual':
        // Started by schedules or by hand, never by a change in the outbox.
        break;
    }
  }
  return { event, segmentEntered, segmentExited, attributeChanged, scoreCrossed, stageChanged, consentChanged };
}

function add<Value>(map: Map<string, Value[]>, key: string, value: Value): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const EMPTY_TRIGGER_INDEX: TriggerIndex = buildTriggerIndex([]);
