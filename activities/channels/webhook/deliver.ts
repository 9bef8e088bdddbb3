import { createHmac } from 'node:crypto';
import { Agent, request } from 'undici';
import { PermanentDeliveryError, TransientDeliveryError } from '../../sending/errors';
import type { Delivery } from '../../sending/send-once';
import { BlockedDestinationError, checkHost, guardedLookup, type AllowList } from './ssrf';

export interface WebhookCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  idempotencyKey: string;
}

export interface WebhookSettings {
  signingSecret: string;
  allow: AllowList;
  /** The current time in seconds, for the signature (tests pin it). */
  now?: () => number;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: receivers recompute it and reject stale times. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Calls a webhook as a ledger delivery: SSRF-guarded (host check, then every resolved address
 * checked at connect time), signed, with the step's idempotency key in `Idempotency-Key`, no
 * redirects followed, and a timeout. 5xx, 429, timeouts and connection failures are retried
 * (the receiver can de-duplicate by the key); other 4xx, 3xx and blocked destinations fail.
 */
export function webhookDelivery(call: WebhookCall, settings: WebhookSettings, onResponse?: (body: unknown) => void): Delivery {
  return {
    provider: 'webhook',
    deliver: async () => {
      let url: URL;
      try {
        url = new URL(call.url);
        if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('only http and https');
        checkHost(url.hostname, settings.allow);
      } catch (error) {
        throw new PermanentDeliveryError(error instanceof BlockedDestinationError ? error.message : `${call.url} is not a valid http(s) URL`);
      }
      const body = call.body ?? '';
      const timestamp = settings.now?.() ?? Math.floor(Date.now() / 1000);
      const dispatcher = new Agent({ connect: { lookup: guardedLookup(settings.allow), timeout: call.timeoutMs } });
      try {
        const response = await request(url, {
          method: call.method,
          dispatcher,
          headersTimeout: call.timeoutMs,
          bodyTimeout: call.timeoutMs,
          headers: {
            'user-agent': 'journey-engine-webhooks/1',
            ...call.headers,
            'idempotency-key': call.idempotencyKey,
            'x-journey-signature': webhookSignature(settings.signingSecret, timestamp, body),
            ...(call.body !== undefined && { 'content-type': call.headers['content-type'] ?? 'application/json' }),
          },
          ...(call.method !== 'GET' && call.body !== undefined && { body }),
        });
        const text = await response.body.text();
        const { statusCode } = response;
        if (statusCode >= 500 || statusCode === 429) throw new TransientDeliveryError(`the webhook answered ${statusCode}`);
        if (statusCode >= 300) throw new PermanentDeliveryError(`the webhook answered ${statusCode}${statusCode < 400 ? ' (redirects are not followed)' : ''}`);
        onResponse?.(parseJson(text));
        return { providerMessageId: `${statusCode}` };
      } catch (error) {
        if (error instanceof TransientDeliveryError || error instanceof PermanentDeliveryError) throw error;
        const blocked = blockedCause(error);
        if (blocked) throw new PermanentDeliveryError(blocked.message);
        throw new TransientDeliveryError(`the webhook could not be reached: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await dispatcher.close();
      }
    },
  };
}

/** The guard's refusal, wherever the HTTP client wrapped it. Either way no connection was made. */
function blockedCause(error: unknown): Error | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof BlockedDestinationError || current.name === 'BlockedDestinationError') return current;
    current = current.cause;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
