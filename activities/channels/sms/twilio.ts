import type { Twilio } from 'twilio';
import { PermanentDeliveryError, TransientDeliveryError } from '../../sending/errors';
import type { Delivery } from '../../sending/send-once';

export interface SmsMessage {
  to: string;
  body: string;
  /** Where Twilio posts delivery status changes. */
  statusCallback?: string;
}

/** Twilio error codes that mean "this number can never receive": suppress it. */
const DEAD_NUMBERS = new Set([21211, 21214, 21217, 21401, 21407, 21408, 21610, 21612, 21614]);

/**
 * Sends an SMS through the twilio library as a ledger delivery. Twilio answers before it
 * creates a message or not at all, so: a 5xx, 429 or no connection is transient (retry), any
 * other 4xx is permanent (invalid or unsubscribed numbers are suppressed), and a lost
 * response is ambiguous (never resent).
 */
export function twilioDelivery(client: Twilio, sender: { from?: string; messagingServiceSid?: string }, message: SmsMessage): Delivery {
  return {
    provider: 'twilio',
    deliver: async () => {
      try {
        const created = await client.messages.create({
          to: message.to,
          body: message.body,
          ...(sender.messagingServiceSid ? { messagingServiceSid: sender.messagingServiceSid } : { from: sender.from ?? '' }),
          ...(message.statusCallback !== undefined && { statusCallback: message.statusCallback }),
        });
        return { providerMessageId: created.sid };
      } catch (error) {
        throw classify(error);
      }
    },
  };
}

function classify(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const status = 'status' in error && typeof error.status === 'number' ? error.status : undefined;
  const code = 'code' in error ? error.code : undefined;
  const message = error instanceof Error ? error.message : 'Twilio error';
  if (status !== undefined) {
    if (status >= 500 || status === 429) return new TransientDeliveryError(`Twilio ${status}: ${message}`);
    if (status >= 400) return new PermanentDeliveryError(`Twilio ${status}${typeof code === 'number' ? ` (${code})` : ''}: ${message}`, typeof code === 'number' && DEAD_NUMBERS.has(code));
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransientDeliveryError(`Twilio unreachable: ${message}`);
  return error;
}
