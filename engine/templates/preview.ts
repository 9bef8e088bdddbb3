import { LiquidError } from 'liquidjs';
import { PermanentActionError } from '../../activities/actions/errors';
import { composeEmail, type EmailContent } from '../../activities/channels/email/compose';
import { daysAfter } from '../../activities/channels/email/expiring-token';
import { mjmlToHtml } from '../../activities/channels/email/mjml';
import { renderTemplate } from '../../activities/channels/templates';
import { loadFacts } from '../../activities/journey/facts';
import type { JourneyEvent } from '../../activities/journey/types';
import type { MessageTemplate, PrismaClient } from '../../prisma/generated/client';
import { ContactNotFoundError } from '../contacts/errors';
import { TemplateInvalidError, type TemplateField } from './errors';
import { liquidProblem } from './liquid';
import { getTemplate } from './store';

export interface PreviewRequest {
  readonly contactId: string;
  /** Stands in for the entry event a journey would pass as `event`. */
  readonly sampleEvent?: { readonly name: string; readonly properties?: Record<string, unknown>; readonly occurredAt?: string };
  /** How an email node would send it: the template itself does not say (the node's `format`). */
  readonly format?: 'html' | 'mjml';
  /** Marketing mail gets `unsubscribe_url` and `preferences_url`, as when sending; transactional mail does not. */
  readonly messageType?: 'marketing' | 'transactional';
}

export interface PreviewSettings {
  /**
   * For the `unsubscribe_url` and `preferences_url` of marketing mail: where the links point,
   * their signing key, and how long a preference link lasts.
   */
  readonly unsubscribe: { readonly baseUrl: string; readonly secret: string; readonly preferenceLinkDays: number };
  readonly now: Date;
}

export interface RenderedTemplate {
  readonly channel: 'email' | 'sms';
  readonly subject: string | null;
  /** HTML for email, the text for SMS. */
  readonly body: string;
  /** Email only: the plain-text part, generated from the HTML when the template has none. */
  readonly textBody: string | null;
}

type Db = Pick<PrismaClient, 'messageTemplate' | 'contact' | '$queryRaw'>;

/**
 * Renders a template for one contact with the send activities' own code: the same contact
 * facts (`loadFacts`, as `loadRecipient`), the same variables (`contact`, `event`), the same
 * sandboxed Liquid engine with its limits, MJML compilation and `composeEmail` for email, the
 * trimmed render for SMS. Nothing is sent or recorded.
 */
export async function previewTemplate(prisma: Db, workspaceId: string, templateId: string, request: PreviewRequest, settings: PreviewSettings): Promise<RenderedTemplate> {
  const template = await getTemplate(prisma, workspaceId, templateId);
  const facts = await loadFacts(prisma, workspaceId, request.contactId);
  if (!facts) throw new ContactNotFoundError(request.contactId);
  const event: JourneyEvent | undefined = request.sampleEvent && {
    name: request.sampleEvent.name,
    messageId: 'preview',
    occurredAt: request.sampleEvent.occurredAt ?? settings.now.toISOString(),
    properties: request.sampleEvent.properties ?? {},
  };
  const variables = { ...(event && { event }), contact: facts.contact };
  if (template.channel === 'sms') {
    const body = await rendered(() => renderTemplate(template.body, variables), () => 'body');
    return { channel: 'sms', subject: null, body: body.trim(), textBody: null };
  }
  if (template.channel !== 'email') throw new TemplateInvalidError('channel', `${template.channel} templates cannot be previewed`);
  return previewEmail(template, request, settings, workspaceId, variables);
}

async function previewEmail(template: MessageTemplate, request: PreviewRequest, settings: PreviewSettings, workspaceId: string, variables: Record<string, unknown>): Promise<RenderedTemplate> {
  // As sendEmail's contentOf builds it from a saved template.
  const source: EmailContent = { subject: template.subject ?? '', html: template.body, ...(template.textBody !== null && { text: template.textBody }) };
  const content = request.format === 'mjml' ? { ...source, html: await mjml(source.html) } : source;
  // composeEmail renders the three parts together; a Liquid error carries its template's source,
  // which tells the part apart (the compiled MJML body is neither subject nor text: the body).
  const fieldOf = (input: string): TemplateField => (input === content.subject ? 'subject' : content.text !== undefined && input === content.text ? 'textBody' : 'body');
  const email = await rendered(() =>
    composeEmail({
      from: 'preview',
      to: '',
      content,
      variables,
      idempotencyKey: `preview:${template.id}:${request.contactId}`,
      domain: 'preview.invalid',
      ...(request.messageType !== 'transactional' && {
        unsubscribe: { ...settings.unsubscribe, workspaceId, contactId: request.contactId, preferencesUntil: daysAfter(settings.now, settings.unsubscribe.preferenceLinkDays) },
      }),
    }),
    fieldOf,
  );
  return { channel: 'email', subject: email.subject, body: email.html, textBody: email.text };
}

async function mjml(source: string): Promise<string> {
  try {
    return await mjmlToHtml(source);
  } catch (error) {
    if (error instanceof PermanentActionError) throw new TemplateInvalidError('body', error.message.replace(/^the MJML template is invalid: /, 'is not valid MJML, '));
    throw error;
  }
}

/** Runs a render; a Liquid failure (syntax, a sandbox limit, a missing include) becomes the template's fault. */
async function rendered<T>(render: () => Promise<T>, fieldOf: (input: string) => TemplateField): Promise<T> {
  try {
    return await render();
  } catch (error) {
    if (LiquidError.is(error)) throw liquidProblem(fieldOf(error.token.input), error);
    throw error;
  }
}
