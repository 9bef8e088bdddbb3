/** A decision the consent service refuses; `field` names it as the caller sent it (`consent.topics.news`). */
export class ConsentInvalidError extends Error {
  override readonly name = 'ConsentInvalidError';
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field} ${detail}`);
  }
}

export class SubscriptionTopicNotFoundError extends Error {
  override readonly name = 'SubscriptionTopicNotFoundError';
  constructor(readonly key: string) {
    super(`subscription topic "${key}"`);
  }
}
