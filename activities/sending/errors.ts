/**
 * How a channel reports a failed delivery, so the ledger knows whether the provider may have
 * accepted the message. Anything else thrown by a channel counts as "may have been accepted".
 */

/** The provider certainly did not accept it (connection refused, 5xx before acceptance): retry. */
export class TransientDeliveryError extends Error {
  override readonly name = 'TransientDeliveryError';
}

/** The provider refused it for good (invalid address, 4xx): no retry; the journey's `failed` output. */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
  constructor(message: string, readonly suppressAddress = false) {
    super(message);
  }
}
