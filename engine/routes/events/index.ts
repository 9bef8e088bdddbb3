import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { eventNameSummaries, EVENT_NAMES_LIMIT } from '../../ingest';

const EventNamesReply = Type.Object({
  events: Type.Array(
    Type.Object({
      name: Type.String(),
      count: Type.Integer({ minimum: 0, description: 'Events of this name received.' }),
      lastSeenAt: Type.String({ format: 'date-time' }),
      properties: Type.Array(Type.String(), { description: 'Top-level property keys seen in the newest events of this name, sorted.' }),
    }),
  ),
});

const errorReplies = { 401: { $ref: 'ErrorBody#' } } as const;

/** What the workspace has received, for the builder's pickers (trigger and wait events, conditions on event properties). */
export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;
  app.get(
    '/names',
    {
      schema: {
        tags: ['events'],
        security: [{ apiKey: [] }],
        summary: "The workspace's event names, most frequent first, with their property keys",
        description: `Up to ${EVENT_NAMES_LIMIT} names, each with how many events of it were received, the last time one was, and the top-level property keys seen in its newest events (a sample of the recent ones, so rare or retired keys may be missing).`,
        response: { 200: EventNamesReply, ...errorReplies },
      },
    },
    async (request) => {
      const names = await eventNameSummaries(prisma, request.workspaceId);
      return { events: names.map((name) => ({ ...name, lastSeenAt: name.lastSeenAt.toISOString() })) };
    },
  );
};
