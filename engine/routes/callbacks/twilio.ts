import formBody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import twilio from 'twilio';
import { Type } from 'typebox';
import { applyTwilioStatus } from '../../communications/delivery-status';
import { ApiError } from '../../errors';

const StatusReport = Type.Object(
  {
    MessageSid: Type.String({ pattern: '^(SM|MM)[0-9a-fA-F]{32}$' }),
    MessageStatus: Type.String({ minLength: 1, maxLength: 40 }),
    ErrorCode: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: true },
);

/**
 * Twilio's delivery status callbacks. No API key: each request is verified by its
 * X-Twilio-Signature (HMAC of the callback URL and parameters with the auth token).
 */
export const twilioCallbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(formBody);
  app.post(
    '/twilio/status',
    {
      schema: {
        summary: 'Twilio SMS status callback',
        tags: ['callbacks'],
        consumes: ['application/x-www-form-urlencoded'],
        body: StatusReport,
        response: { 204: Type.Null(), 400: { $ref: 'ErrorBody#' }, 403: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } },
      },
    },
    async (request, reply) => {
      const callback = app.services.twilioCallback;
      if (!callback) throw new ApiError('NOT_FOUND', 'Twilio is not configured');
      const signature = request.headers['x-twilio-signature'];
      const params: Record<string, string> = {};
      for (const [key, value] of Object.entries(request.body)) if (typeof value === 'string') params[key] = value;
      if (typeof signature !== 'string' || !twilio.validateRequest(callback.authToken, signature, callback.url, params)) throw new ApiError('FORBIDDEN', 'the request is not signed by Twilio');
      const applied = await applyTwilioStatus(app.services.db.prisma, {
        messageSid: request.body.MessageSid,
        status: request.body.MessageStatus,
        ...(request.body.ErrorCode !== undefined && { errorCode: request.body.ErrorCode }),
        at: new Date(),
      });
      if (!applied) request.log.warn({ sid: request.body.MessageSid }, 'Twilio status for an unknown message');
      return reply.status(204).send(null);
    },
  );
};
