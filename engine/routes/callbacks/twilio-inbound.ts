import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import twilio from 'twilio';
import { Type } from 'typebox';
import { receiveSms, type InboundSmsOutcome } from '../../consent/sms';
import { ApiError } from '../../errors';
import { assertSignedByTwilio } from './twilio-signature';

/** The URL to set as the Twilio number's "a message comes in" webhook. */
export const twilioInboundUrl = (publicUrl: string): string => `${publicUrl}/v1/callbacks/twilio/inbound`;

const InboundMessage = Type.Object(
  {
    MessageSid: Type.String({ pattern: '^(SM|MM)[0-9a-fA-F]{32}$' }),
    From: Type.String({ minLength: 1, maxLength: 64 }),
    To: Type.String({ minLength: 1, maxLength: 64 }),
    Body: Type.String({ maxLength: 1600 }),
    OptOutType: Type.Optional(Type.String({ maxLength: 20, description: "Twilio's reading of the message under Advanced Opt-Out: STOP, START or HELP." })),
  },
  { additionalProperties: true },
);

const TwiML = Type.String({ description: 'TwiML: a <Message> to answer with, or an empty <Response/>.' });

/**
 * The answer Twilio texts back. Only HELP gets one from the engine. STOP and START get an empty
 * response: Twilio's own opt-out handling (on by default for long codes and toll-free numbers,
 * configurable with Advanced Opt-Out) already confirms them, and after a STOP Twilio would
 * refuse a reply of ours anyway (error 21610).
 */
function twimlFor(outcome: InboundSmsOutcome): string {
  const response = new twilio.twiml.MessagingResponse();
  if (outcome.kind === 'help') response.message(outcome.text);
  return response.toString();
}

/**
 * Texts contacts send to the engine's Twilio number: SMS keywords (engine/consent/sms). No API
 * key: each request is verified by its X-Twilio-Signature. A text from a number no contact has,
 * or one that is not a keyword, changes nothing and gets an empty answer.
 */
export const twilioInboundRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/twilio/inbound',
    {
      schema: {
        summary: 'Twilio incoming SMS webhook (STOP, START, HELP)',
        tags: ['callbacks'],
        consumes: ['application/x-www-form-urlencoded'],
        produces: ['text/xml'],
        body: InboundMessage,
        response: { 200: TwiML, 400: { $ref: 'ErrorBody#' }, 403: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } },
      },
    },
    async (request, reply) => {
      const callback = app.services.twilioCallback;
      if (!callback) throw new ApiError('NOT_FOUND', 'Twilio is not configured');
      assertSignedByTwilio(callback.authToken, callback.inboundUrl, request.headers['x-twilio-signature'], request.body);
      const outcome = await receiveSms(app.services.db.prisma, { from: request.body.From, body: request.body.Body, optOutType: request.body.OptOutType, at: new Date() });
      request.log.info({ sid: request.body.MessageSid, outcome: outcome.kind, ...(outcome.kind === 'consent' && { keyword: outcome.keyword, contactIds: outcome.contacts.map((contact) => contact.contactId) }) }, 'incoming SMS');
      return reply.type('text/xml; charset=utf-8').send(twimlFor(outcome));
    },
  );
};
