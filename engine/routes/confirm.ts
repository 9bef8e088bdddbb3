import formBody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { confirmSubscription } from '../consent/double-opt-in/confirm';
import { verifyConfirmationToken } from '../consent/double-opt-in/confirm-token';
import { html } from '../consent/pages/html';
import { CONTACT_PAGE_HEADERS } from '../consent/pages/headers';
import { expiredLinkPage, invalidLinkPage, messagePage } from '../consent/pages/message';
import { loadBrand, type BrandView } from '../consent/preference-center/load';

const Params = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200, description: 'The signed, expiring token of a double opt-in email.' }) });
const Html = Type.String({ description: 'An HTML page for the contact.' });
const replies = { 200: Html, 404: Html, 409: Html, 410: Html };

const confirmForm = html`<form method="post"><div class="actions"><button type="submit" class="primary">Confirm my subscription</button></div></form>`;

/**
 * The link in a double opt-in email. GET shows a button and changes nothing, because mail
 * scanners and link previews fetch every link in a message; POST (the contact's click)
 * grants email marketing consent with source `double_opt_in`. No API key: the signed,
 * expiring token names the workspace, contact and request.
 */
export const confirmRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(formBody);
  const { mail } = app.services;
  const { prisma } = app.services.db;

  /** The verified request and its workspace's brand; or the reason there is none, as a status and page. */
  const verify = async (token: string, now: Date): Promise<{ ok: true; subject: { workspaceId: string; contactId: string; requestId: string }; brand: BrandView } | { ok: false; status: 404 | 410; page: string }> => {
    const check = verifyConfirmationToken(mail.unsubscribeSecret, token, now);
    if (!check.ok && check.reason === 'invalid') return { ok: false, status: 404, page: invalidLinkPage() };
    const brand = await loadBrand(prisma, check.workspaceId);
    if (!brand) return { ok: false, status: 404, page: invalidLinkPage() };
    if (!check.ok) return { ok: false, status: 410, page: expiredLinkPage(brand) };
    return { ok: true, subject: { workspaceId: check.workspaceId, contactId: check.contactId, requestId: check.requestId }, brand };
  };

  app.get(
    '/confirm/:token',
    { schema: { summary: 'Double opt-in confirmation page', tags: ['consent'], params: Params, produces: ['text/html'], response: replies } },
    async (request, reply) => {
      reply.headers(CONTACT_PAGE_HEADERS);
      const verified = await verify(request.params.token, new Date());
      if (!verified.ok) return reply.status(verified.status).send(verified.page);
      return messagePage(verified.brand, 'Confirm your subscription', [`Confirm that you want marketing email from ${verified.brand.name}. You can change this at any time with the link in each email.`], confirmForm);
    },
  );

  app.post(
    '/confirm/:token',
    { schema: { summary: 'Confirm a double opt-in subscription', tags: ['consent'], params: Params, produces: ['text/html'], response: replies } },
    async (request, reply) => {
      reply.headers(CONTACT_PAGE_HEADERS);
      const now = new Date();
      const verified = await verify(request.params.token, now);
      if (!verified.ok) return reply.status(verified.status).send(verified.page);
      const { brand } = verified;
      const result = await confirmSubscription(prisma, verified.subject, { ipAddress: request.ip, userAgent: request.headers['user-agent'] }, now);
      switch (result) {
        case 'confirmed':
        case 'already':
          return messagePage(brand, 'Your subscription is confirmed', [`Thank you: ${brand.name} will send you marketing email. Every email has a link to change your preferences or unsubscribe.`]);
        case 'not_pending':
          return reply
            .status(409)
            .send(messagePage(brand, 'This confirmation is no longer needed', ['Your subscription was changed after this email was sent, so this link no longer applies. Nothing has been changed.']));
        case 'gone':
          return reply.status(404).send(invalidLinkPage());
      }
    },
  );
};
