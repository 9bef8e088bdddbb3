import twilio, { type Twilio } from 'twilio';

/** How SMS leaves the engine; built once by the worker entry from the configuration. */
export interface SmsDeps {
  /** Shown as the sender in the local outbox when Twilio is not configured. */
  outboxFrom: string;
  /** Unset: SMS goes to the local outbox. */
  twilio?: { client: Twilio; from?: string; messagingServiceSid?: string };
  /** Where Twilio posts delivery statuses (the engine's callback route). */
  statusCallbackUrl?: string;
}

export function createSmsDeps(settings: { twilio: { accountSid: string; authToken: string; from: string; apiUrl: string | undefined } | undefined; publicUrl: string }): SmsDeps {
  const outboxFrom = '+15550000000';
  if (!settings.twilio) return { outboxFrom };
  const { accountSid, authToken, from, apiUrl } = settings.twilio;
  const client = twilio(accountSid, authToken);
  // The API base can point at a regional edge, a proxy, or (in tests) a Twilio-shaped server.
  if (apiUrl) client.api.baseUrl = apiUrl.replace(/\/+$/, '');
  const sender = from.startsWith('MG') ? { messagingServiceSid: from } : { from };
  return { outboxFrom, twilio: { client, ...sender }, statusCallbackUrl: `${settings.publicUrl}/v1/callbacks/twilio/status` };
}
