import twilio from 'twilio';
import { ApiError } from '../../errors';

/**
 * Refuses a request Twilio did not sign: X-Twilio-Signature is an HMAC, with the account's
 * auth token, of the URL Twilio was told to call and the posted parameters. `url` must be that
 * URL exactly as configured (PUBLIC_URL), not the one this process sees behind a proxy.
 */
export function assertSignedByTwilio(authToken: string, url: string, signature: string | string[] | undefined, body: Record<string, unknown>): void {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') params[key] = value;
  if (typeof signature !== 'string' || !twilio.validateRequest(authToken, signature, url, params)) throw new ApiError('FORBIDDEN', 'the request is not signed by Twilio');
}
