import formBody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import twilio from 'twilio';

export interface ReceivedSms {
  sid: string;
  to: string;
  from: string | undefined;
  body: string;
  statusCallback: string | undefined;
}

/** What the engine answered to a text posted to the number's incoming-message webhook. */
export interface InboundAnswer {
  status: number;
  contentType: string | null;
  body: string;
  /** The texts Twilio would send back to the sender: each <Message> of the TwiML, unescaped. */
  replies: string[];
}

/**
 * A Twilio-shaped HTTP server on loopback: the Messages resource of the REST API with Basic
 * auth, Twilio's error body, queued failures for fault tests, and signed status callbacks
 * posted back like Twilio's. The engine talks to it with the real twilio library. It also
 * plays a contact texting the number: a signed post to the number's incoming-message webhook.
 */
export class TwilioServer {
  readonly accountSid = `AC${'0123456789abcdef'.repeat(2)}`;
  readonly authToken = 'twilio-test-auth-token-0001';
  readonly messages: ReceivedSms[] = [];
  /** Answers for the next requests, before any success: an HTTP status and Twilio error code. */
  readonly failures: { status: number; code: number; message: string }[] = [];
  /** The account's number, and the webhook it posts incoming texts to (set as in Twilio's console). */
  readonly number = '+15005550006';
  incomingUrl = '';
  #app: FastifyInstance | undefined;
  #inbound = 0;
  url = '';

  async start(): Promise<void> {
    const app = Fastify();
    await app.register(formBody);
    app.post<{ Params: { account: string }; Body: Record<string, string> }>('/2010-04-01/Accounts/:account/Messages.json', async (request, reply) => {
      const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
      if (request.headers.authorization !== expected || request.params.account !== this.accountSid) {
        return reply.status(401).send({ code: 20003, message: 'Authenticate', status: 401 });
      }
      const failure = this.failures.shift();
      if (failure) return reply.status(failure.status).send({ code: failure.code, message: failure.message, more_info: `https://www.twilio.com/docs/errors/${failure.code}`, status: failure.status });
      const { To: to, From: from, Body: body, StatusCallback: statusCallback } = request.body;
      if (!to || !body) return reply.status(400).send({ code: 21604, message: "A 'To' phone number is required.", status: 400 });
      const sid = `SM${(this.messages.length + 1).toString(16).padStart(32, '0')}`;
      this.messages.push({ sid, to, from, body, statusCallback });
      return reply.status(201).send({ sid, account_sid: this.accountSid, to, from: from ?? null, body, status: 'queued', num_segments: '1', date_created: new Date().toUTCString() });
    });
    this.url = await app.listen({ host: '127.0.0.1', port: 0 });
    this.#app = app;
  }

  /** Posts a status callback for a message, signed as Twilio signs them. */
  async reportStatus(message: ReceivedSms, status: string, errorCode?: string, signWith = this.authToken): Promise<number> {
    if (!message.statusCallback) throw new Error('the message asked for no status callback');
    const params: Record<string, string> = { AccountSid: this.accountSid, MessageSid: message.sid, MessageStatus: status, To: message.to, ...(errorCode !== undefined && { ErrorCode: errorCode }) };
    const signature = twilio.getExpectedTwilioSignature(signWith, message.statusCallback, params);
    const response = await fetch(message.statusCallback, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });
    return response.status;
  }

  /**
   * A contact texts the number: Twilio's incoming-message parameters, posted form-encoded to
   * the number's webhook and signed with the auth token (or `signWith`, to forge one).
   */
  async receiveText(from: string, body: string, options: { signWith?: string; extra?: Record<string, string> } = {}): Promise<InboundAnswer> {
    if (!this.incomingUrl) throw new Error('the number has no incoming-message webhook');
    this.#inbound += 1;
    const sid = `SM${this.#inbound.toString(16).padStart(32, 'f')}`;
    const params: Record<string, string> = {
      ToCountry: 'US',
      SmsMessageSid: sid,
      NumMedia: '0',
      SmsSid: sid,
      SmsStatus: 'received',
      Body: body,
      To: this.number,
      NumSegments: '1',
      MessageSid: sid,
      AccountSid: this.accountSid,
      From: from,
      ApiVersion: '2010-04-01',
      ...options.extra,
    };
    const signature = twilio.getExpectedTwilioSignature(options.signWith ?? this.authToken, this.incomingUrl, params);
    const response = await fetch(this.incomingUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), body: text, replies: response.ok ? messagesOf(text) : [] };
  }

  async stop(): Promise<void> {
    await this.#app?.close();
  }
}

/** The <Message> bodies of a TwiML answer, as Twilio reads them (XML entities decoded). */
function messagesOf(twiml: string): string[] {
  return [...twiml.matchAll(/<Message(?:\s[^>]*)?>([\s\S]*?)<\/Message>/g)].map(([, text = '']) =>
    text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&'),
  );
}
