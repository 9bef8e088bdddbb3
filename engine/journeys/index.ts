export { authenticateApiKey, createApiKey, hashApiKey } from './api-keys';
export { saveJourneyDraft, type SavedDraft } from './drafts';
export { publishJourney, type PublishResult } from './publish';
export { latestPublishedVersion, type PublishedVersion } from './published';
export { signalContactChanged, signalJourneyEvent, startJourneyRun, type JourneyEntry, type StartedRun } from './start-run';
