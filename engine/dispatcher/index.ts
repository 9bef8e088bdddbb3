export { startDispatcher, type Dispatcher, type DispatcherOptions } from './dispatcher';
export { journeyTriggersChanged } from './invalidation';
export { matchingJourneys, crossesThreshold } from './match';
export { buildTriggerIndex, type LiveJourney, type TriggerIndex } from './trigger-index';
