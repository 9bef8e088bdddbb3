import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { roleAllows } from '../access/permissions';
import { INVITATION_MAIL_KEY_PREFIX } from '../accounts';

/**
 * Invitation emails carry a link that makes its holder a member with the invited role: only
 * people who may invite (admins) see them here. A viewer or a read key reading the outbox
 * could otherwise accept an admin invitation meant for someone else.
 */
const seesInvitations = (request: FastifyRequest): boolean => request.person?.role !== undefined && roleAllows(request.person.role, 'members.admin');

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
 * first, so the demo and tests can see it. Scoped to the request's workspace; invitation
 * emails only for admins.
 */
export const outboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    { schema: { summary: 'Messages in the local outbox', tags: ['outbox'], security: [{ apiKey: [] }], querystring: Query, response: { 200: Type.Object({ messages: Type.Array(Message) }), 401: { $ref: 'ErrorBody#' } } } },
    async (request) => {
      const { to, channel, limit } = request.query;
      const rows = await app.services.db.prisma.localOutboxMessage.findMany({
        where: {
          workspaceId: request.workspaceId,
          ...(to !== undefined && { toAddress: to.toLowerCase() }),
          ...(channel !== undefined && { channel }),
          // A NOT alone would drop rows without a key too (NULL is not unlike anything in SQL).
          ...(!seesInvitations(request) && { OR: [{ idempotencyKey: null }, { NOT: { idempotencyKey: { startsWith: INVITATION_MAIL_KEY_PREFIX } } }] }),
        },
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
