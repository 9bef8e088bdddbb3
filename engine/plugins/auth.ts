import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors';
import { authenticateApiKey } from '../journeys/api-keys';

declare module 'fastify' {
  interface FastifyRequest {
    /** The workspace of the request's API key; every query of a protected route is scoped by it. */
    workspaceId: string;
  }
}

/**
 * `requireApiKey` as a preHandler: routes that register it answer only to a workspace API
 * key (`Authorization: Bearer <key>`) and read their workspace from `request.workspaceId`.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('workspaceId', '');
  },
  { name: 'auth', dependencies: ['services'] },
);

export async function requireApiKey(this: FastifyInstance, request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization;
  const key = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
  const principal = key ? await authenticateApiKey(this.services.db.prisma, key) : undefined;
  if (!principal) throw new ApiError('UNAUTHORIZED');
  request.workspaceId = principal.workspaceId;
}
