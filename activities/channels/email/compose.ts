import { createHash } from 'node:crypto';
import { convert } from 'html-to-text';
import { renderTemplate } from '../templates';
import { preferencesToken, preferencesUrl } from './preferences-token';
import { unsubscribeToken } from './unsubscribe-token';

export interface EmailContent {
  subject: string;
  html: string;
  /** Generated from the HTML when absent. */
  text?: string;
}

export interface ComposeInput {
  from: string;
  to: string;
  content: EmailContent;
  variables: Readonly<Record<string, unknown>>;
  idempotencyKey: string;
  /**
   * For the signed one-click unsubscribe link; omitted for transactional mail. With
   * `preferencesUntil`, also the preference center link (`preferences_url`), valid until then.
   */
  unsubscribe?: { baseUrl: string; secret: string; workspaceId: string; contactId: string; preferencesUntil?: Date };
  /** The sending domain, for the Message-ID. */
  domain: string;
}

export interface ComposedEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
}

/**
 * Renders an email: Liquid in subject, HTML and text (with `unsubscribe_url` and
 * `preferences_url` available in marketing mail), a text part generated from the HTML when
 * none is given, RFC 8058 one-click unsubscribe headers for marketing mail, and a Message-ID
 * derived from the idempotency key, so every retry of one journey step produces the same
 * message identity.
 */
export async function composeEmail(input: ComposeInput): Promise<ComposedEmail> {
  const unsubscribeUrl = input.unsubscribe
    ? `${input.unsubscribe.baseUrl.replace(/\/+$/, '')}/unsubscribe/${unsubscribeToken(input.unsubscribe.secret, input.unsubscribe.workspaceId, input.unsubscribe.contactId)}`
    : undefined;
  const links = input.unsubscribe;
  const preferences = links?.preferencesUntil && preferencesUrl(links.baseUrl, preferencesToken(links.secret, links.workspaceId, links.contactId, links.preferencesUntil));
  const variables = { ...input.variables, ...(unsubscribeUrl && { unsubscribe_url: unsubscribeUrl }), ...(preferences && { preferences_url: preferences }) };
  const [subject, html, text] = await Promise.all([
    renderTemplate(input.content.subject, variables),
    renderTemplate(input.content.html, variables),
    input.content.text === undefined ? Promise.resolve(undefined) : renderTemplate(input.content.text, variables),
  ]);
  const keyHash = createHash('sha256').update(input.idempotencyKey).digest('hex').slice(0, 32);
  return {
    from: input.from,
    to: input.to,
    subject: subject.replace(/[\r\n]+/g, ' ').trim(),
    html,
    text: text ?? convert(html, { wordwrap: 78, selectors: [{ selector: 'a', options: { hideLinkHrefIfSameAsText: true } }] }),
    messageId: `<${keyHash}@${input.domain}>`,
    headers: unsubscribeUrl ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
  };
}

/** The composed email as nodemailer's message options (SMTP and the outbox build the same MIME). */
export function mailOptions(email: ComposedEmail) {
  return { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text, messageId: email.messageId, headers: email.headers };
}
