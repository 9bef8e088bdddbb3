import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SendingPolicy } from '../../../activities/sending/policy';
import { changeWorkspaceSettings, createWorkspace, workspaceSettings, workspacesOf } from '../../accounts';
import { ApiError } from '../../errors';
import { accountCall } from './errors';
import { CreateWorkspaceBody, WorkspaceList } from './schemas';

const common = { tags: ['workspaces'], security: [{ apiKey: [] }] };
const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 403: { $ref: 'ErrorBody#' } } as const;

const WorkspaceSettings = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  slug: Type.String(),
  timezone: Type.String({ description: 'IANA zone for contacts without one (quiet hours, date triggers).' }),
  currency: Type.String({ description: 'ISO 4217: RFM and CLV are in it; orders in another are refused.' }),
  sendingPolicy: SendingPolicy,
  crm: Type.Record(Type.String(), Type.Unknown(), { description: 'Scoring, lifecycle and segment settings, defaults filled in (docs: engine/crm/settings.ts).' }),
});

const SettingsChange = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    currency: Type.Optional(Type.String({ minLength: 3, maxLength: 3 })),
    sendingPolicy: Type.Optional(Type.Object(SendingPolicy.properties, { additionalProperties: false, description: 'Replaces the quiet hours and frequency caps.' })),
    crm: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Replaces the CRM settings; what is left out takes its default.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

const CreatedWorkspace = Type.Object({ id: Type.String({ format: 'uuid' }), slug: Type.String() });

/** The workspaces of the instance (people only: engine/access/permissions.ts) and the current one's settings. */
export const workspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;

  app.get('/v1/workspaces', { schema: { tags: ['workspaces'], security: [{ session: [] }], summary: 'The workspaces you may enter, with your role in each', response: { 200: WorkspaceList, ...errorReplies } } }, async (request) => {
    if (!request.person) throw new ApiError('UNAUTHORIZED');
    return { workspaces: await workspacesOf(prisma, request.person.userId, request.person.isOwner) };
  });

  app.post(
    '/v1/workspaces',
    {
      schema: {
        tags: ['workspaces'],
        security: [{ session: [] }],
        summary: 'Create a workspace',
        description: 'For the owner and workspace admins. The creator becomes its admin. Switch to it with PUT /v1/session/workspace.',
        body: CreateWorkspaceBody,
        response: { 201: CreatedWorkspace, ...errorReplies, 409: { $ref: 'ErrorBody#' } },
      },
    },
    async (request, reply) => {
      const created = await accountCall(() => createWorkspace(prisma, request.body, request.person?.userId));
      // The row belongs to the new workspace's log: its admins see how it began.
      request.audit = { workspaceId: created.id, summary: { slug: created.slug } };
      return reply.status(201).send(created);
    },
  );

  app.get('/v1/workspace', { schema: { ...common, summary: "This workspace's settings", response: { 200: WorkspaceSettings, ...errorReplies } } }, async (request) => workspaceSettings(prisma, request.workspaceId));

  app.patch(
    '/v1/workspace',
    {
      schema: {
        ...common,
        summary: "Change this workspace's settings",
        description: 'Only the fields sent change. Errors name the field (`body.timezone`, `body.sendingPolicy.quietHours.from`, `body.crm`).',
        body: SettingsChange,
        response: { 200: WorkspaceSettings, ...errorReplies },
      },
    },
    async (request) => {
      const { view, summary } = await accountCall(() => changeWorkspaceSettings(prisma, request.workspaceId, request.body));
      request.audit = { summary };
      return view;
    },
  );
};
