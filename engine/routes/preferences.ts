import formBody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';
import { verifyPreferencesToken } from '../../activities/channels/email/preferences-token';
import { CONTACT_PAGE_HEADERS } from '../consent/pages/headers';
import { expiredLinkPage, invalidLinkPage } from '../consent/pages/message';
import { preferencesPage, type Notice } from '../consent/pages/preferences';
import type { PreferenceSubmission } from '../consent/preference-center/decisions';
import { loadBrand, loadPreferenceCenter } from '../consent/preference-center/load';
import { savePreferences, type SavedPreferences } from '../consent/preference-center/save';

const Params = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200, description: 'The signed, expiring token of a `preferences_url`.' }) });
const Html = Type.String({ description: 'An HTML page for the contact.' });
const Values = Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 })]);

/** The page's form: ticked boxes (`channel`, `topic`), the controls it showed (`shown`), and which button. */
const PreferencesForm = Type.Object(
  {
    action: Type.Optional(Type.Union([Type.Literal('save'), Type.Literal('unsubscribe_all')])),
    channel: Type.Optional(Values),
    topic: Type.Optional(Values),
    shown: Type.Optional(Values),
  },
  { additionalProperties: false },
);

const pageReplies = { 200: Html, 404: Html, 410: Html };

/**
 * The preference center: the page `preferences_url` in marketing email opens. No API key: the
 * signed, expiring token names the workspace and contact. GET only shows (link scanners fetch
 * GET); POST records the contact's choices.
 */
export const preferenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(formBody);
  const { mail } = app.services;
  const { prisma } = app.services.db;

  /** The contact's page, or the page saying why there is none (404 not ours, 410 expired). */
  const open = async (reply: FastifyReply, token: string, now: Date) => {
    reply.headers(CONTACT_PAGE_HEADERS);
    const check = verifyPreferencesToken(mail.unsubscribeSecret, token, now);
    if (!check.ok) {
      const brand = check.reason === 'expired' ? await loadBrand(prisma, check.workspaceId) : undefined;
      if (brand) return { page: reply.status(410).send(expiredLinkPage(brand)) };
      return { page: reply.status(404).send(invalidLinkPage()) };
    }
    const center = await loadPreferenceCenter(prisma, check.workspaceId, check.contactId);
    if (!center) return { page: reply.status(404).send(invalidLinkPage()) };
    return { center, expiresAt: check.expiresAt };
  };

  app.get(
    '/preferences/:token',
    { schema: { summary: 'Preference center page', description: 'What `preferences_url` opens: the contact\'s channels and topics, with a form to change them.', tags: ['consent'], params: Params, produces: ['text/html'], response: pageReplies } },
    async (request, reply) => {
      const opened = await open(reply, request.params.token, new Date());
      if ('page' in opened) return opened.page;
      return preferencesPage(opened.center, opened.expiresAt);
    },
  );

  app.post(
    '/preferences/:token',
    {
      schema: {
        summary: 'Save the preference center form',
        description: 'Records the changed choices only (source `preference_center`, actor `contact`, with IP address and user agent), then shows the page again with a confirmation.',
        tags: ['consent'],
        params: Params,
        consumes: ['application/x-www-form-urlencoded'],
        body: PreferencesForm,
        produces: ['text/html'],
        response: { ...pageReplies, 400: { $ref: 'ErrorBody#' } },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const opened = await open(reply, request.params.token, now);
      if ('page' in opened) return opened.page;
      const proof = { ipAddress: request.ip, userAgent: request.headers['user-agent'] };
      const saved = await savePreferences(app.services, opened.center, submissionOf(request.body), proof, now);
      const center = saved && (await loadPreferenceCenter(prisma, opened.center.workspaceId, opened.center.contactId));
      if (!saved || !center) return reply.status(404).send(invalidLinkPage());
      return preferencesPage(center, opened.expiresAt, noticeOf(request.body.action ?? 'save', saved));
    },
  );
};

const listOf = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function submissionOf(form: Static<typeof PreferencesForm>): PreferenceSubmission {
  if (form.action === 'unsubscribe_all') return { kind: 'unsubscribe_all' };
  return { kind: 'save', shown: new Set(listOf(form.shown)), channels: new Set(listOf(form.channel)), topics: new Set(listOf(form.topic)) };
}

function noticeOf(action: 'save' | 'unsubscribe_all', saved: SavedPreferences): Notice {
  const lines =
    action === 'unsubscribe_all'
      ? [saved.decisions > 0 ? 'You are unsubscribed from all marketing.' : 'You receive no marketing from us.', 'Receipts and messages about your orders still reach you.']
      : [saved.decisions > 0 ? 'Your preferences are saved.' : 'No changes: your preferences are as they were.'];
  let tone: Notice['tone'] = 'success';
  for (const confirmation of saved.confirmations) {
    if (confirmation.outcome === 'sent') {
      lines.push('We sent you an email to confirm your subscription: marketing email starts when you follow the link in it.');
    } else {
      tone = 'warning';
      lines.push('We could not send the email to confirm your subscription just now. Tick “Marketing email” and save again later.');
    }
  }
  return { tone, lines };
}
