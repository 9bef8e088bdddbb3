export { applyConsent, changedFields, touchedBy, type ConsentResult, type ConsentStateChange } from './apply';
export { changeConsent } from './change';
export { ConsentInvalidError, SubscriptionTopicNotFoundError } from './errors';
export { CONSENT_CHANNELS, CONSENT_PURPOSES, ConsentDecision, ConsentInput, flattenConsent, TOPIC_KEY, type ConsentChannel, type ConsentPurpose, type FlatDecision } from './input';
export { lockContactSends } from './lock';
export { CONSENT_SOURCES, SYSTEM_ORIGIN, type ConsentOrigin, type ConsentProvenance, type ConsentSource } from './provenance';
export { readConsentHistory, readContactConsent, receivesTopic, type ConsentHistoryEntry, type ContactConsentView, type TopicConsentView } from './read';
export { ConsentSettings, consentSettingsOf } from './settings';
export { deleteTopic, listTopics, putTopic, segmentsReadingTopic, TopicInput, type TopicView } from './topics';
