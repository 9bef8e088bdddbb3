import formBody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { verifyUnsubscribeToken } from '../../activities/channels/email/unsubscribe-token';
import { changeConsent, type FlatDecision } from '../consent';

const UNSUBSCRIBE: FlatDecision = { target: { kind: 'channel', channel: 'email', purpose: 'marketing' }, decision: 'withdrawn', field: 'consent.email.marketing' };

const Params = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) });
const Html = Type.String({ description: 'An HTML page for the contact.' });

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
  `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>${title}</h1>${body}</body></html>`;

/**
 * The link in every marketing email. GET shows a confirmation button (link scanners fetch
 * GET, so it changes nothing); POST unsubscribes, which is also what mailbox providers'
 * one-click button sends (RFC 8058). No API key: the signed token is the authority.
 */
export const unsubscribeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(formBody);
  const secret = app.services.unsubscribeSecret;

  app.get('/unsubscribe/:token', { schema: { summary: 'Unsubscribe confirmation page', tags: ['contacts'], params: Params, produces: ['text/html'], response: { 200: Html, 404: Html } } }, async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    if (!verifyUnsubscribeToken(secret, request.params.token)) return reply.status(404).send(page('Link not valid', '<p>This unsubscribe link is not valid. Use the link in a recent email.</p>'));
    return page('Unsubscribe', `<p>Stop receiving marketing email from us?</p><form method="post"><button type="submit">Unsubscribe</button></form>`);
  });

  app.post('/unsubscribe/:token', { schema: { summary: 'Unsubscribe (one-click, RFC 8058)', tags: ['contacts'], params: Params, produces: ['text/html'], response: { 200: Html, 404: Html } } }, async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    const subject = verifyUnsubscribeToken(secret, request.params.token);
    const done =
      subject &&
      (await changeConsent(app.services.db.prisma, subject.workspaceId, subject.contactId, [UNSUBSCRIBE], {
        source: 'unsubscribe_link',
        actor: 'contact',
        at: new Date(),
        ipAddress: request.ip,
        userAgent: request.headers['user-agent'],
      }));
    if (!done) return reply.status(404).send(page('Link not valid', '<p>This unsubscribe link is not valid. Use the link in a recent email.</p>'));
    return page('You are unsubscribed', '<p>You will not receive marketing email from us any more. Receipts and other messages about your orders still reach you.</p>');
  });
};
