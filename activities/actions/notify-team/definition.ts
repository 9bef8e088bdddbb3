import { Type } from 'typebox';
import { composeEmail } from '../../channels/email/compose';
import { outboxDelivery } from '../../channels/email/outbox';
import { smtpDelivery } from '../../channels/email/smtp';
import { renderTemplate } from '../../channels/templates';
import { loadFacts } from '../../journey/facts';
import { sendOnce } from '../../sending';
import { defineAction } from '../definition';

/**
 * An internal email about the contact (a sales alert, a VIP order): sent once per step to the
 * team's address, never subject to the contact's consent, and logged like any other send.
 */
export const notifyTeamAction = defineAction({
  id: 'notify.team',
  version: 1,
  label: 'Notify the team',
  description: 'Emails your team about this contact (e.g. "Ada reached Gold").',
  category: 'flow',
  icon: 'bell',
  input: Type.Object(
    {
      to: Type.String({ format: 'email', title: 'Team address' }),
      subject: Type.String({ minLength: 1, maxLength: 300, title: 'Subject', description: 'Liquid.' }),
      text: Type.String({ minLength: 1, maxLength: 20_000, title: 'Message', description: 'Liquid.' }),
    },
    { additionalProperties: false },
  ),
  credentials: ['smtp'],
  outputs: ['sent', 'failed'],
  templateFields: ['subject', 'text'],
  run: async (context, input) => {
    const { prisma } = context.deps.db;
    const { mail } = context.deps;
    const facts = await loadFacts(prisma, context.workspaceId, context.contactId);
    const variables = { ...context.variables, contact: facts?.contact ?? {} };
    // The message is rendered once; the email's parts only insert the result (escaped in the
    // HTML part), so contact data that looks like Liquid is never rendered again.
    const message = await renderTemplate(input.text, variables);
    const email = await composeEmail({
      from: mail.from,
      to: input.to,
      content: { subject: input.subject, html: '<pre style="font-family:inherit;white-space:pre-wrap">{{ notification | escape }}</pre>', text: '{{ notification }}' },
      variables: { ...variables, notification: message },
      idempotencyKey: context.idempotencyKey,
      domain: mail.domain,
    });
    const request = {
      workspaceId: context.workspaceId,
      contactId: context.contactId,
      channel: 'email' as const,
      messageType: 'transactional' as const,
      idempotencyKey: context.idempotencyKey,
      toAddress: input.to.toLowerCase(),
      subject: email.subject,
      journeyId: context.journeyId,
      journeyVersionId: context.journeyVersionId,
      enrollmentId: context.enrollmentId,
      nodeId: context.nodeId,
    };
    const delivery = mail.smtp ? smtpDelivery(mail.smtp, email) : outboxDelivery(prisma, context.workspaceId, email, context.idempotencyKey);
    await sendOnce(prisma, request, delivery, { checkEligibility: false, now: () => new Date(context.now) });
    return { outcome: 'sent' };
  },
});
