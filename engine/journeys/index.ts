export { authenticateApiKey, createApiKey, getApiKey, hashApiKey, listApiKeys, revokeApiKey } from './api-keys';
export { saveJourneyDraft, type SavedDraft } from './drafts';
export { lintLatestVersion, type LatestVersionLint } from './lint';
export { publishJourney, type PublishResult } from './publish';
export { latestPublishedVersion, type PublishedVersion } from './published';
export { signalContactChanged, signalJourneyEvent, startJourneyRun, type StartedRun } from './start-run';
export { createJourneyStarter } from './starter';
