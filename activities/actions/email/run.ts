import type { Static } from 'typebox';
import { composeEmail, type EmailContent } from '../../channels/email/compose';
import { daysAfter } from '../../channels/email/expiring-token';
import { mjmlToHtml } from '../../channels/email/mjml';
import { outboxDelivery } from '../../channels/email/outbox';
import { smtpDelivery } from '../../channels/email/smtp';
import { messageResult, sendOnce } from '../../sending';
import type { ActionContext, ActionResult } from '../definition';
import { loadRecipient } from '../recipient';
import { PermanentActionError } from '../errors';
import type { EmailInput } from './input';

/**
 * Renders and sends one email through the ledger: consent, do-not-contact and suppression
 * are checked inside `sendOnce`, so no journey path can skip them.
 */
export async function sendEmail(context: ActionContext, input: Static<typeof EmailInput>): Promise<ActionResult> {
  const { prisma } = context.deps.db;
  const { mail } = context.deps;
  const recipient = await loadRecipient(context, 'email');
  const { contact } = recipient;
  const address = recipient.address?.toLowerCase();
  const source = await contentOf(context, input);
  const content = input.format === 'mjml' ? { ...source, html: await mjmlToHtml(source.html) } : source;
  // Without an address there is nothing to compose; sendOnce records the skip and its reason.
  const email = await composeEmail({
    from: input.from ?? mail.from,
    to: address ?? '',
    content,
    variables: { ...context.variables, contact },
    idempotencyKey: context.idempotencyKey,
    domain: mail.domain,
    ...(input.messageType === 'marketing' && {
      unsubscribe: {
        baseUrl: mail.publicUrl,
        secret: mail.unsubscribeSecret,
        workspaceId: context.workspaceId,
        contactId: context.contactId,
        // From the workflow's clock, so every retry of the step composes the same link.
        preferencesUntil: daysAfter(context.now, mail.preferenceLinkDays),
      },
    }),
  });
  const request = {
    workspaceId: context.workspaceId,
    contactId: context.contactId,
    channel: 'email' as const,
    messageType: input.messageType,
    idempotencyKey: context.idempotencyKey,
    // As the contact reads it (rendered), for the contact's messages and the ledger.
    subject: email.subject,
    journeyId: context.journeyId,
    journeyVersionId: context.journeyVersionId,
    enrollmentId: context.enrollmentId,
    nodeId: context.nodeId,
    ...(address !== undefined && { toAddress: address }),
    ...(input.topic !== undefined && { topic: input.topic }),
  };
  const delivery = mail.smtp ? smtpDelivery(mail.smtp, email) : outboxDelivery(prisma, context.workspaceId, email, context.idempotencyKey);
  const result = await sendOnce(prisma, request, delivery, { now: () => new Date(context.now) });
  return messageResult(result);
}

/** Inline content, or a saved template of the workspace by id. */
async function contentOf(context: ActionContext, input: Static<typeof EmailInput>): Promise<EmailContent> {
  if (input.templateId === undefined) {
    if (input.subject === undefined || input.html === undefined) throw new PermanentActionError('the email needs a template, or a subject and HTML');
    return { subject: input.subject, html: input.html, ...(input.text !== undefined && { text: input.text }) };
  }
  const template = await context.deps.db.prisma.messageTemplate.findFirst({ where: { id: input.templateId, workspaceId: context.workspaceId, channel: 'email' } });
  if (!template) throw new PermanentActionError(`email template ${input.templateId} does not exist in this workspace`);
  return { subject: input.subject ?? template.subject ?? '', html: template.body, ...(template.textBody !== null && { text: template.textBody }) };
}
