import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const Query = Type.Object({
  to: Type.Optional(Type.String({ minLength: 1, maxLength: 320, description: 'Only messages to this address.' })),
  channel: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('sms')])),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});

const Message = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  to: Type.String(),
  from: Type.Union([Type.String(), Type.Null()]),
  subject: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  text: Type.Union([Type.String(), Type.Null()]),
  messageId: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

/**
 * The local outbox (embedded mode, no provider configured): what journeys "sent", newest
 * first, so the demo and tests can see it. Scoped to the API key's workspace.
 */
export const outboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    { schema: { summary: 'Messages in the local outbox', tags: ['outbox'], security: [{ apiKey: [] }], querystring: Query, response: { 200: Type.Object({ messages: Type.Array(Message) }), 401: { $ref: 'ErrorBody#' } } } },
    async (request) => {
      const { to, channel, limit } = request.query;
      const rows = await app.services.db.prisma.localOutboxMessage.findMany({
        where: { workspaceId: request.workspaceId, ...(to !== undefined && { toAddress: to.toLowerCase() }), ...(channel !== undefined && { channel }) },
        orderBy: { createdAt: 'desc' },
        take: limit,
      });
      return {
        messages: rows.map((row) => ({
          id: row.id,
          channel: row.channel,
          to: row.toAddress,
          from: row.fromAddress,
          subject: row.subject,
          body: row.body,
          text: row.textBody,
          messageId: row.messageId,
          createdAt: row.createdAt.toISOString(),
        })),
      };
    },
  );
};
