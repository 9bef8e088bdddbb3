/**
 * An expected refusal of an ingestion call: a value the service will not take, a contact it
 * cannot find, or identities that contradict each other. `field` names the input field at
 * fault as the caller sent it (`occurredAt`, `contact.email`, `attributes.plan`); routes map
 * the kind to the error catalogue, a batch reports it for its item.
 */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    /** `currency_mismatch`: an order in another currency than the workspace's, which no score could count. */
    readonly kind: 'invalid' | 'not_found' | 'conflict' | 'currency_mismatch',
    readonly field: string,
    /** What is wrong with it, to follow the field's name: "is required". */
    readonly detail: string,
  ) {
    super(`${field} ${detail}`);
  }
}
