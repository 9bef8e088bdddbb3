export { resolveTemporalBinary, type TemporalBinary, type BinaryResolution } from './binary';
export { connectClient, connectWorker, probeTemporal } from './connection';
export { startDevServer, type DevServer } from './dev-server';
export { TemporalUnavailableError } from './errors';
export { ensureJourneySearchAttributes } from './search-attributes';
