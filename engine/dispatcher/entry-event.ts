import type { JourneyEvent } from '../../activities/journey/types';
import type { DispatchChange } from './changes';

/**
 * The event a change enters a journey with. A tracked event is itself, with the sender's
 * message id. Any other change becomes an event named after its topic whose message id is
 * the outbox entry's id: the outbox may deliver an entry twice, and the run ignores a message
 * id it has already seen, so a redelivered change cannot enter the contact a second time
 * while the first run is going. Entry filters and templates can read it as `event.*`.
 */
export function entryEventOf(change: DispatchChange): JourneyEvent {
  if (change.topic === 'event.tracked') {
    const { name, messageId, occurredAt, properties } = change.payload;
    return { name, messageId, occurredAt, properties };
  }
  const { contactId: _contactId, ...properties } = change.payload;
  return { name: change.topic, messageId: `outbox:${change.entryId}`, occurredAt: change.createdAt.toISOString(), properties };
}
