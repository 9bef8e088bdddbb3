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

/**
 * A Twilio-shaped HTTP server on loopback: the Messages resource of the REST API with Basic
 * auth, Twilio's error body, queued failures for fault tests, and signed status callbacks
 * posted back like Twilio's. The engine talks to it with the real twilio library.
 */
export class TwilioServer {
  readonly accountSid = `AC${'0123456789abcdef'.repeat(2)}`;
  readonly authToken = 'twilio-test-auth-token-0001';
  readonly messages: ReceivedSms[] = [];
  /** Answers for the next requests, before any success: an HTTP status and Twilio error code. */
  readonly failures: { status: number; code: number; message: string }[] = [];
  #app: FastifyInstance | undefined;
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

  async stop(): Promise<void> {
    await this.#app?.close();
  }
}
