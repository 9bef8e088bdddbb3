import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { changeRole, listMembers, removeMember } from '../../accounts';
import { accountCall } from './errors';
import { MemberList, MemberParams, MemberRemoved, RoleBody, RoleChanged } from './schemas';

const common = { tags: ['members'], security: [{ session: [] }] };
const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 403: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } } as const;

/** The people of the workspace and their roles (people only; changes for admins). */
export const memberRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;

  app.get('/v1/members', { schema: { ...common, summary: 'The members of this workspace', response: { 200: MemberList, ...errorReplies } } }, async (request) => ({
    members: (await listMembers(prisma, request.workspaceId)).map((member) => ({ ...member, joinedAt: member.joinedAt.toISOString() })),
  }));

  app.put(
    '/v1/members/:userId',
    {
      schema: {
        ...common,
        summary: "Change a member's role",
        description: "Refused: the owner's role (admin everywhere), and demoting the workspace's last admin (409).",
        params: MemberParams,
        body: RoleBody,
        response: { 200: RoleChanged, ...errorReplies, 409: { $ref: 'ErrorBody#' } },
      },
    },
    async (request) => {
      const { userId } = request.params;
      const { before, after } = await accountCall(() => changeRole(prisma, request.workspaceId, userId, request.body.role));
      request.audit = { summary: { role: { before, after } } };
      return { userId, role: after };
    },
  );

  app.delete(
    '/v1/members/:userId',
    {
      schema: {
        ...common,
        summary: 'Remove a member',
        description: 'Their sessions lose this workspace at once. Refused for the owner and for the last admin (409).',
        params: MemberParams,
        response: { 200: MemberRemoved, ...errorReplies, 409: { $ref: 'ErrorBody#' } },
      },
    },
    async (request) => {
      const { userId } = request.params;
      const { role } = await accountCall(() => removeMember(prisma, request.workspaceId, userId));
      request.audit = { summary: { role } };
      return { userId, removed: true as const };
    },
  );
};
