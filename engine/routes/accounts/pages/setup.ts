import formBody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AccountError, createOwner, isSetupTokenValid } from '../../../accounts';
import { CONTACT_PAGE_HEADERS } from '../../../consent/pages/headers';
import { messagePage } from '../../../consent/pages/message';
import { signInAs } from '../session-view';
import { formPage, PRODUCT, type FormPage } from './forms';

const Html = Type.String({ description: 'An HTML page.' });
const Query = Type.Object({ token: Type.Optional(Type.String({ maxLength: 100 })) });
const SetupForm = Type.Object(
  {
    token: Type.String({ maxLength: 100 }),
    email: Type.String({ maxLength: 254 }),
    name: Type.String({ maxLength: 120 }),
    password: Type.String({ maxLength: 1024 }),
  },
  { additionalProperties: false },
);

const usedPage = (): string =>
  messagePage(PRODUCT, 'This setup link cannot be used', ['It was used already, or the app was restarted and printed a newer one. If the owner account exists, sign in instead.']);

/**
 * First run: the link start-up prints opens a form for the owner's email, name and password.
 * No key or session: the one-time token (hidden in the form) is the credential, which also
 * makes the form immune to cross-site posting. Success signs the owner in and opens the builder.
 */
export const setupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(formBody);
  const { prisma } = app.services.db;

  app.get(
    '/setup',
    { schema: { summary: 'First-run page: create the owner account', tags: ['sign-in'], querystring: Query, produces: ['text/html'], response: { 200: Html, 410: Html } } },
    async (request, reply) => {
      reply.headers(CONTACT_PAGE_HEADERS);
      const token = request.query.token ?? '';
      if (!(await isSetupTokenValid(prisma, token))) return reply.status(410).send(usedPage());
      return formPage(setupForm(token, {}));
    },
  );

  app.post(
    '/setup',
    {
      schema: {
        summary: 'Create the owner account and sign in',
        description: 'Spends the setup token. On success: a session cookie and a redirect (303) to the builder.',
        tags: ['sign-in'],
        consumes: ['application/x-www-form-urlencoded'],
        body: SetupForm,
        produces: ['text/html'],
        response: { 303: Type.Null(), 400: Html, 410: Html },
      },
    },
    async (request, reply) => {
      reply.headers(CONTACT_PAGE_HEADERS);
      const { token, email, name, password } = request.body;
      try {
        const owner = await createOwner(prisma, { email, name, password }, token);
        await signInAs(app, request, reply, owner.userId, owner.workspaceId);
        request.audit = { actor: { type: 'user', id: owner.userId }, workspaceId: owner.workspaceId };
        return reply.status(303).header('location', '/').send(null);
      } catch (error) {
        if (!(error instanceof AccountError)) throw error;
        if (error.kind === 'link_unusable') return reply.status(410).send(usedPage());
        return reply.status(400).send(formPage(setupForm(token, { email, name }, { field: (error.field ?? '').replace(/^body\./, ''), message: `This ${fieldLabel(error.field)} ${error.detail}.` })));
      }
    },
  );
};

const fieldLabel = (field: string | undefined): string => (field === 'body.email' ? 'email address' : field === 'body.name' ? 'name' : 'password');

function setupForm(token: string, values: { email?: string; name?: string }, error?: { field: string; message: string }): FormPage {
  return {
    title: 'Create the owner account',
    lead: 'You are the first person here: this account owns the instance and is admin of the demo workspace. The link works once.',
    action: '/setup',
    hidden: { token },
    fields: [
      { name: 'email', label: 'Email address', type: 'email', autocomplete: 'username', ...(values.email !== undefined && { value: values.email }) },
      { name: 'name', label: 'Your name', type: 'text', autocomplete: 'name', ...(values.name !== undefined && { value: values.name }) },
      { name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', hint: 'At least 12 characters. A passphrase of a few unrelated words works well.' },
    ],
    submit: 'Create account and sign in',
    error,
  };
}
