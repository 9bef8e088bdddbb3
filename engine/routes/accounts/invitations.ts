import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { acceptInvitation, createInvitation, invitationUrl, listInvitations, revokeInvitation, sendInvitationEmail } from '../../accounts';
import { describeError } from '../../describe-error';
import { ApiError } from '../../errors';
import { accountCall } from './errors';
import { AcceptBody, Invitation, InvitationList, InvitationParams, InviteBody, SessionView } from './schemas';
import { sessionView, signInAs } from './session-view';

const common = { tags: ['members'], security: [{ session: [] }] };
const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 403: { $ref: 'ErrorBody#' } } as const;

const viewOf = (invitation: { id: string; email: string; role: 'admin' | 'editor' | 'viewer'; createdAt: Date; expiresAt: Date }) => ({
  ...invitation,
  createdAt: invitation.createdAt.toISOString(),
  expiresAt: invitation.expiresAt.toISOString(),
});

/** Admins invite people by email; the link signs them up (or in) and into the workspace. */
export const invitationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;
  const { mail, accounts } = app.services;

  app.get('/v1/invitations', { schema: { ...common, summary: 'Pending invitations', response: { 200: InvitationList, ...errorReplies } } }, async (request) => ({
    invitations: (await listInvitations(prisma, request.workspaceId)).map(viewOf),
  }));

  app.post(
    '/v1/invitations',
    {
      schema: {
        ...common,
        summary: 'Invite someone by email',
        description: `Sends a single-use link, valid for ${accounts.invitationDays} days, through the engine's mail path (SMTP, or the local outbox; embedded mode also prints it). Inviting an address again replaces its pending invitation. If the mail cannot be sent, the invitation is withdrawn and the answer is 503: nothing is left half-made.`,
        body: InviteBody,
        response: { 201: Invitation, ...errorReplies, 409: { $ref: 'ErrorBody#' }, 503: { $ref: 'ErrorBody#' } },
      },
    },
    async (request, reply) => {
      const person = request.person;
      if (!person) throw new ApiError('UNAUTHORIZED');
      const invitation = await accountCall(() => createInvitation(prisma, { workspaceId: request.workspaceId, email: request.body.email, role: request.body.role, invitedBy: person.userId, validDays: accounts.invitationDays }));
      const stored = await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id }, select: { id: true, email: true, role: true, createdAt: true, expiresAt: true } });
      const inviter = await prisma.user.findUniqueOrThrow({ where: { id: person.userId }, select: { name: true } });
      const url = invitationUrl(mail.publicUrl, invitation.token);
      try {
        await sendInvitationEmail({ prisma, mail }, { ...stored, workspaceId: request.workspaceId, url, validDays: accounts.invitationDays, inviterName: inviter.name });
      } catch (error) {
        await revokeInvitation(prisma, request.workspaceId, invitation.id);
        request.log.warn({ invitationId: invitation.id, reason: describeError(error) }, 'invitation email not sent; invitation withdrawn');
        throw new ApiError('MAIL_UNAVAILABLE');
      }
      accounts.printLink?.(`Invitation for ${stored.email} (${stored.role}): ${url}`);
      request.audit = { summary: { role: stored.role } };
      return reply.status(201).send(viewOf(stored));
    },
  );

  app.delete(
    '/v1/invitations/:invitationId',
    { schema: { ...common, summary: 'Withdraw a pending invitation', params: InvitationParams, response: { 204: Type.Null(), ...errorReplies, 404: { $ref: 'ErrorBody#' } } } },
    async (request, reply) => {
      await accountCall(() => revokeInvitation(prisma, request.workspaceId, request.params.invitationId));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/invitations/accept',
    {
      schema: {
        tags: ['members'],
        summary: 'Accept an invitation and sign in',
        description: 'A new person chooses a name and password; someone who has an account gives its password. The link works once. Answers like sign-in: a session cookie and the session.',
        body: AcceptBody,
        response: { 200: SessionView, 400: { $ref: 'ErrorBody#' }, 410: { $ref: 'ErrorBody#' }, 429: { $ref: 'ErrorBody#' } },
      },
    },
    async (request, reply) => {
      const { token, name, password } = request.body;
      const accepted = await accountCall(() => acceptInvitation(prisma, token, { name, password, clientAddress: request.ip }));
      const facts = await signInAs(app, request, reply, accepted.userId, accepted.workspaceId);
      request.audit = { actor: { type: 'user', id: accepted.userId }, workspaceId: accepted.workspaceId, summary: { role: accepted.role } };
      return sessionView(app, reply, facts);
    },
  );
};
