import { actorLabel } from '../../plugins/auth';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError } from '../../errors';
import { createApiKey, getApiKey, listApiKeys, revokeApiKey, type ApiKeySummary } from '../../journeys/api-keys';
import { CreatedKey, CreateKeyBody, KeyList, KeyParams, KeyView } from './schemas';

const common = { tags: ['api keys'], security: [{ apiKey: [] }] };
const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 403: { $ref: 'ErrorBody#' } } as const;

const viewOf = (key: ApiKeySummary) => ({
  ...key,
  createdAt: key.createdAt.toISOString(),
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  revokedAt: key.revokedAt?.toISOString() ?? null,
});

/** The workspace's API keys, for its admins and full keys (engine/access/permissions.ts). */
export const apiKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;

  app.post(
    '/',
    { schema: { ...common, summary: 'Create an API key (shown once)', body: CreateKeyBody, response: { 201: CreatedKey, ...errorReplies } } },
    async (request, reply) => {
      const { name, scope = 'full' } = request.body;
      const created = await createApiKey(prisma, request.workspaceId, { name, scope, createdBy: actorLabel(request) });
      const summary = await getApiKey(prisma, request.workspaceId, created.id);
      if (!summary) throw new Error(`the key ${created.id} was not stored`);
      return reply.status(201).send({ ...viewOf(summary), key: created.key });
    },
  );

  app.get('/', { schema: { ...common, summary: "The workspace's API keys, revoked ones included (never the key or its hash)", response: { 200: KeyList, ...errorReplies } } }, async (request) => ({
    apiKeys: (await listApiKeys(prisma, request.workspaceId)).map(viewOf),
  }));

  app.delete(
    '/:keyId',
    {
      schema: {
        ...common,
        summary: 'Revoke an API key',
        description: 'Refused from 401 on at once. A key cannot revoke itself (409): that would lock the last admin key out; revoke it with another.',
        params: KeyParams,
        response: { 200: KeyView, ...errorReplies, 404: { $ref: 'ErrorBody#' }, 409: { $ref: 'ErrorBody#' } },
      },
    },
    async (request) => {
      if (request.apiKeyId && request.params.keyId === request.apiKeyId) throw new ApiError('CONFLICT', 'a key cannot revoke itself; revoke it with another admin key', 'params.keyId');
      const revoked = await revokeApiKey(prisma, request.workspaceId, request.params.keyId);
      if (!revoked) throw new ApiError('NOT_FOUND', `API key ${request.params.keyId}`);
      return viewOf(revoked);
    },
  );
};
