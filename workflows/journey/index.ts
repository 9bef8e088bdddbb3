export { journeyWorkflowId, stepIdempotencyKey } from './ids';
export { journeyRun } from './interpreter';
export { JOURNEY_SEARCH_ATTRIBUTES } from './search-attributes';
export { contactChangedSignal, journeyEventSignal, journeyStatusQuery, type JourneyRunStatus } from './signals';
export type { CarriedState, JourneyRunInput, JourneyRunResult, PendingEvent } from './types';
