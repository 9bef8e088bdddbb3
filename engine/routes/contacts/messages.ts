import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError } from '../../errors';
import { ContactParams } from './schemas';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const MessagesQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false });

const MessagesReply = Type.Object({
  messages: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      channel: Type.String(),
      messageType: Type.String(),
      status: Type.String({ description: 'queued, sent, delivered, opened, clicked, bounced, failed, replied, or suppressed (skipped: see reason).' }),
      reason: Nullable(Type.String({ description: 'Why it was skipped or failed, in words a marketer reads (consent, suppression, a frequency cap...).' })),
      toAddress: Nullable(Type.String()),
      subject: Nullable(Type.String()),
      journeyId: Nullable(Type.String()),
      nodeId: Nullable(Type.String()),
      createdAt: Type.String({ format: 'date-time' }),
      sentAt: Nullable(Type.String({ format: 'date-time' })),
    }),
    { description: 'Newest first.' },
  ),
});

/** Every message the engine sent, skipped or failed for a contact, with the reason: what a marketer checks first. */
export const contactMessageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;
  app.get(
    '/:contactId/messages',
    {
      schema: {
        tags: ['contacts'],
        security: [{ apiKey: [] }],
        summary: "A contact's messages: sent, skipped (with why) and failed",
        params: ContactParams,
        querystring: MessagesQuery,
        response: { 200: MessagesReply, 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } },
      },
    },
    async (request) => {
      const { workspaceId } = request;
      const { contactId } = request.params;
      if (!(await prisma.contact.findFirst({ where: { id: contactId, workspaceId }, select: { id: true } }))) throw new ApiError('NOT_FOUND', `contact ${contactId}`);
      const rows = await prisma.communication.findMany({ where: { workspaceId, contactId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: request.query.limit ?? 50 });
      return {
        messages: rows.map((row) => ({
          id: row.id,
          channel: row.channel,
          messageType: row.messageType,
          status: row.status,
          reason: row.error,
          toAddress: row.toAddress,
          subject: row.subject,
          journeyId: row.journeyId,
          nodeId: row.nodeId,
          createdAt: row.createdAt.toISOString(),
          sentAt: row.sentAt?.toISOString() ?? null,
        })),
      };
    },
  );
};
