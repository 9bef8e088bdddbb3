/** Expected failures of the contact services; routes map them to the error catalogue. */

export class ContactNotFoundError extends Error {
  override readonly name = 'ContactNotFoundError';
  constructor(readonly contactId: string) {
    super(`contact ${contactId}`);
  }
}

/** A value the service refuses; `field` names it as the caller sent it (`email`, `attributes.plan`). */
export class ContactInvalidError extends Error {
  override readonly name = 'ContactInvalidError';
  constructor(
    readonly field: string,
    /** What is wrong with it, to follow the field's name. */
    readonly detail: string,
  ) {
    super(`${field} ${detail}`);
  }
}

/** The external id and the email of one upsert belong to two different contacts. */
export class ContactIdentityConflictError extends Error {
  override readonly name = 'ContactIdentityConflictError';
  constructor(
    readonly byExternalId: string,
    readonly byEmail: string,
  ) {
    super(`the externalId belongs to contact ${byExternalId} and the email to contact ${byEmail}; merge them first`);
  }
}

/** A write lost a race on a unique identity (another writer took the email or external id first). */
export class ContactIdentityTakenError extends Error {
  override readonly name = 'ContactIdentityTakenError';
  constructor() {
    super('another contact of the workspace already has this email or externalId');
  }
}
