export { track, trackWithin, type Tracked } from './track';
export { identify, identifyWithin, type Identified } from './identify';
export { recordOrder, recordOrderWithin, type OrderRecorded } from './orders';
export { ingestBatch, type BatchItemOutcome } from './batch';
export { IngestError } from './errors';
export { MAX_JSON_BYTES } from './limits';
export * from './schemas';
export { eventNameSummaries, receivedEventNames, EVENT_NAMES_LIMIT, type EventNameSummary } from './event-names';
