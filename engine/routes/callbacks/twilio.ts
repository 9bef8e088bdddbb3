import formBody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { applyTwilioStatus } from '../../communications/delivery-status';
import { ApiError } from '../../errors';
import { twilioInboundRoutes } from './twilio-inbound';
import { assertSignedByTwilio } from './twilio-signature';

const StatusReport = Type.Object(
  {
    MessageSid: Type.String({ pattern: '^(SM|MM)[0-9a-fA-F]{32}$' }),
    MessageStatus: Type.String({ minLength: 1, maxLength: 40 }),
    ErrorCode: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: true },
);

/**
 * Twilio's webhooks: delivery status callbacks here, incoming texts in twilio-inbound.ts. No
 * API key: each request is verified by its X-Twilio-Signature (twilio-signature.ts).
 */
export const twilioCallbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(formBody);
  await app.register(twilioInboundRoutes);
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
      assertSignedByTwilio(callback.authToken, callback.statusUrl, request.headers['x-twilio-signature'], request.body);
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
