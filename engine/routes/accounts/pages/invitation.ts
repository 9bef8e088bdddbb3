import formBody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { acceptInvitation, AccountError, openInvitation, type OpenInvitation } from '../../../accounts';
import { CONTACT_PAGE_HEADERS } from '../../../consent/pages/headers';
import { messagePage } from '../../../consent/pages/message';
import { signInAs } from '../session-view';
import { formPage, PRODUCT, type Field } from './forms';

const Html = Type.String({ description: 'An HTML page.' });
const Params = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100, description: 'The invitation link\'s single-use token.' }) });
const AcceptForm = Type.Object({ name: Type.Optional(Type.String({ maxLength: 120 })), password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false });

const unusablePage = (): string => messagePage(PRODUCT, 'This invitation cannot be used', ['It was used already, withdrawn, replaced by a newer one, or it expired. Ask the person who invited you for a new one.']);

function acceptForm(token: string, invitation: OpenInvitation, values: { name?: string }, error?: { field: string; message: string }) {
  const fields: Field[] = invitation.hasAccount
    ? [{ name: 'password', label: 'Your password', type: 'password', autocomplete: 'current-password', hint: `The password of ${invitation.email}.` }]
    : [
        { name: 'name', label: 'Your name', type: 'text', autocomplete: 'name', ...(values.name !== undefined && { value: values.name }) },
        { name: 'password', label: 'Choose a password', type: 'password', autocomplete: 'new-password', hint: 'At least 12 characters. A passphrase of a few unrelated words works well.' },
      ];
  return formPage({
    title: `Join ${invitation.workspaceName}`,
    lead: `You are invited as ${invitation.role}, as ${invitation.email}.`,
    action: `/invitations/${token}`,
    hidden: {},
    fields,
    submit: 'Accept and sign in',
    error,
  });
}

/**
 * The page an invitation email links to: a new person chooses a name and password; someone
 * with an account confirms with theirs. The token in the path is the credential (and what
 * keeps the form from being posted cross-site). Success signs them in and opens the builder.
 */
export const invitationPageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(formBody);
  const { prisma } = app.services.db;

  app.get(
    '/invitations/:token',
    { schema: { summary: 'Invitation page', tags: ['members'], params: Params, produces: ['text/html'], response: { 200: Html, 410: Html } } },
    async (request, reply) => {
      reply.headers(CONTACT_PAGE_HEADERS);
      try {
        return acceptForm(request.params.token, await openInvitation(prisma, request.params.token), {});
      } catch (error) {
        if (error instanceof AccountError) return reply.status(410).send(unusablePage());
        throw error;
      }
    },
  );

  app.post(
    '/invitations/:token',
    {
      schema: {
        summary: 'Accept an invitation and sign in',
        tags: ['members'],
        params: Params,
        consumes: ['application/x-www-form-urlencoded'],
        body: AcceptForm,
        produces: ['text/html'],
        response: { 303: Type.Null(), 400: Html, 410: Html, 429: Html },
      },
    },
    async (request, reply) => {
      reply.headers(CONTACT_PAGE_HEADERS);
      const { token } = request.params;
      try {
        const accepted = await acceptInvitation(prisma, token, { ...request.body, clientAddress: request.ip });
        await signInAs(app, request, reply, accepted.userId, accepted.workspaceId);
        request.audit = { actor: { type: 'user', id: accepted.userId }, workspaceId: accepted.workspaceId, summary: { role: accepted.role } };
        return reply.status(303).header('location', '/').send(null);
      } catch (error) {
        if (!(error instanceof AccountError)) throw error;
        if (error.kind === 'link_unusable') return reply.status(410).send(unusablePage());
        const invitation = await openInvitation(prisma, token);
        const field = (error.field ?? '').replace(/^body\./, '');
        const label = field === 'name' ? 'name' : 'password';
        const message = error.kind === 'throttled' ? `Too many failed attempts: ${error.detail}.` : `This ${label} ${error.detail}.`;
        return reply.status(error.kind === 'throttled' ? 429 : 400).send(acceptForm(token, invitation, { ...(request.body.name !== undefined && { name: request.body.name }) }, { field, message }));
      }
    },
  );
};
