/**
 * A request the accounts service refuses. `kind` picks the HTTP answer (routes map it with
 * `accountErrorToApi`); `field` names the request field at fault as the caller sent it.
 */
export type AccountErrorKind = 'invalid' | 'conflict' | 'not_found' | 'forbidden' | 'link_unusable' | 'throttled';

export class AccountError extends Error {
  override readonly name = 'AccountError';
  constructor(
    readonly kind: AccountErrorKind,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail);
  }
}
