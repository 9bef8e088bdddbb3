import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { decodeAuditCursor, encodeAuditCursor, listAuditEntries } from '../../audit';
import { ApiError } from '../../errors';

const Query = Type.Object({
  actor: Type.Optional(Type.String({ pattern: '^(api_key|user|system)(:[^:]+)?$', description: 'e.g. `user:<id>`, `api_key:<id>`, or `user` / `api_key` for every person or key.' })),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'e.g. `journey.published`.' })),
  targetType: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'e.g. `journey`, `contact`.' })),
  targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Needs targetType.' })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Rows at or after this time.' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Rows before this time.' })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

const Entry = Type.Object({
  id: Type.String(),
  actor: Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }),
  action: Type.String(),
  target: Type.Object({ type: Type.Union([Type.String(), Type.Null()]), id: Type.Union([Type.String(), Type.Null()]) }),
  summary: Type.Unknown({ description: 'Before/after of a status or settings change, a published version, counts. Never secrets or contact details.' }),
  requestId: Type.Union([Type.String(), Type.Null()]),
  clientAddress: Type.Union([Type.String(), Type.Null()]),
  occurredAt: Type.String({ format: 'date-time' }),
});

const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 403: { $ref: 'ErrorBody#' } } as const;

/**
 * The workspace's audit log (engine/audit), newest first. Admin-level (`audit.admin` in
 * engine/access/permissions.ts, whose guard authenticates the key): a `full` key today, the
 * admin role when people sign in.
 */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        summary: 'The audit log: who changed what, newest first',
        description: 'Every successful write (and every data export) in this workspace, by a person or a key: the actor, the action code, the target, a short summary, the request id, the client address and the time. Filters combine; page with `cursor`.',
        tags: ['audit'],
        security: [{ apiKey: [] }],
        querystring: Query,
        response: { 200: Type.Object({ entries: Type.Array(Entry), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errorReplies },
      },
    },
    async (request) => {
      const { actor, action, targetType, targetId, from, to, limit, cursor } = request.query;
      if (targetId !== undefined && targetType === undefined) throw new ApiError('VALIDATION_FAILED', 'querystring.targetId needs targetType', 'querystring.targetId');
      const beforeId = cursor === undefined ? undefined : decodeAuditCursor(cursor);
      if (cursor !== undefined && beforeId === undefined) throw new ApiError('VALIDATION_FAILED', 'querystring.cursor is not a cursor this API returned', 'querystring.cursor');
      const [actorType, actorId] = actor?.split(':') ?? [];
      const page = await listAuditEntries(app.services.db.prisma, request.workspaceId, {
        ...(actorType !== undefined && { actor: { type: actorType, ...(actorId !== undefined && { id: actorId }) } }),
        ...(action !== undefined && { action }),
        ...(targetType !== undefined && { target: { type: targetType, ...(targetId !== undefined && { id: targetId }) } }),
        ...(from !== undefined && { from: new Date(from) }),
        ...(to !== undefined && { to: new Date(to) }),
        ...(beforeId !== undefined && { beforeId }),
        limit,
      });
      const last = page.entries.at(-1);
      return { entries: page.entries, nextCursor: page.more && last ? encodeAuditCursor(last.id) : null };
    },
  );
};
