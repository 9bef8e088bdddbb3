import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ConsentInvalidError, ConsentSettings, consentSettingsOf, deleteTopic, listTopics, putTopic, segmentsReadingTopic, SubscriptionTopicNotFoundError, TOPIC_KEY, TopicInput, type TopicView } from '../../consent';
import { auditValueOf } from '../../audit';
import { ApiError } from '../../errors';

const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } } as const;
const common = { tags: ['consent'], security: [{ apiKey: [] }] };

const Topic = Type.Object({
  key: Type.String(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  channel: Type.String(),
  defaultSubscribed: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
const TopicParams = Type.Object({ key: Type.String({ pattern: TOPIC_KEY, description: 'Lower-case letters, digits, "_" and "-", e.g. newsletter.' }) });

const viewed = (topic: TopicView) => ({ ...topic, createdAt: topic.createdAt.toISOString(), updatedAt: topic.updatedAt.toISOString() });

/** The workspace's subscription topics: the finer choices inside a channel's marketing consent. */
export const consentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;

  app.get(
    '/settings',
    { schema: { ...common, summary: "The workspace's consent settings: double opt-in, the SMS HELP answer, the preference center's look", response: { 200: ConsentSettings, ...errorReplies } } },
    async (request) => consentSettingsOf((await prisma.workspace.findUniqueOrThrow({ where: { id: request.workspaceId }, select: { settings: true } })).settings),
  );

  app.put(
    '/settings',
    {
      schema: {
        ...common,
        summary: "Replace the workspace's consent settings",
        description: 'e.g. {"doubleOptIn": {"email": true}, "smsHelpText": "Northwind: reply STOP to opt out.", "preferenceCenter": {"brandName": "Northwind", "brandColour": "#7c2d12"}}. Only the `consent` block of the settings changes; the sending policy and CRM settings stay.',
        body: ConsentSettings,
        response: { 200: ConsentSettings, ...errorReplies },
      },
    },
    async (request) => {
      // One statement: a concurrent change to another block of the settings is not lost, and the
      // block it replaced (for the audit row's before/after) is the one it really replaced.
      const [replaced] = await prisma.$queryRaw<{ before: unknown }[]>`
        UPDATE workspace SET settings = jsonb_set(workspace.settings, '{consent}', ${JSON.stringify(request.body)}::jsonb), updated_at = now()
        FROM (SELECT id, settings->'consent' AS consent FROM workspace WHERE id = ${request.workspaceId}::uuid FOR UPDATE) AS old
        WHERE workspace.id = old.id
        RETURNING old.consent AS before`;
      request.audit = { summary: { before: auditValueOf(replaced?.before ?? null), after: auditValueOf(request.body) } };
      return request.body;
    },
  );

  app.get('/topics', { schema: { ...common, summary: 'Subscription topics', response: { 200: Type.Object({ topics: Type.Array(Topic) }), ...errorReplies } } }, async (request) => ({
    topics: (await listTopics(prisma, request.workspaceId)).map(viewed),
  }));

  app.put(
    '/topics/:key',
    {
      schema: {
        ...common,
        summary: 'Create or update a subscription topic',
        description: 'Contacts see topics on the preference center; segment criteria (`{"type": "topic"}`), journey conditions (`topics.<key>`) and message actions (`topic`) read them. A topic keeps its channel. 201 when created.',
        params: TopicParams,
        body: TopicInput,
        response: { 200: Topic, 201: Topic, ...errorReplies },
      },
    },
    async (request, reply) => {
      const { topic, created } = await putTopic(prisma, request.workspaceId, request.params.key, request.body).catch((error: unknown) => {
        throw error instanceof ConsentInvalidError ? new ApiError('VALIDATION_FAILED', error.message, error.field) : error;
      });
      return reply.status(created ? 201 : 200).send(viewed(topic));
    },
  );

  app.delete(
    '/topics/:key',
    {
      schema: {
        ...common,
        summary: 'Delete a subscription topic and the contacts’ choices on it',
        description: 'Refused (409) while a segment reads it. The consent history keeps the decisions made on it.',
        params: TopicParams,
        response: { 204: Type.Null(), 409: { $ref: 'ErrorBody#' }, ...errorReplies },
      },
    },
    async (request, reply) => {
      const readers = await segmentsReadingTopic(prisma, request.workspaceId, request.params.key);
      if (readers.length > 0) throw new ApiError('CONFLICT', `topic ${request.params.key} is read by the segments ${readers.map((name) => JSON.stringify(name)).join(', ')}`);
      await deleteTopic(prisma, request.workspaceId, request.params.key).catch((error: unknown) => {
        throw error instanceof SubscriptionTopicNotFoundError ? new ApiError('NOT_FOUND', error.message) : error;
      });
      return reply.status(204).send(null);
    },
  );
};
