export { computeLifecycleStages, STAGE_CHANGE_SOURCE } from './compute';
export { computeJourneyStages } from './journey';
export { ADVOCATE_LIFECYCLE_STAGES, JOURNEY_RULES, journeyReasonSql, journeyStageSql, type JourneyRule } from './journey-rules';
export { countOf, LIFECYCLE_RULES, lifecycleReasonSql, lifecycleStageSql, type LifecycleRule } from './rules';
