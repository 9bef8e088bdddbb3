import type { Static } from 'typebox';
import { renderTemplate } from '../../channels/templates';
import { smsOutboxDelivery } from '../../channels/sms/outbox';
import { toE164 } from '../../channels/sms/phone';
import { twilioDelivery } from '../../channels/sms/twilio';
import { messageResult, sendOnce } from '../../sending';
import type { ActionContext, ActionResult } from '../definition';
import { loadRecipient } from '../recipient';
import { PermanentActionError } from '../errors';
import type { SmsInput } from './input';

/**
 * Renders and sends one SMS through the ledger. A number that is not E.164 is a permanent
 * failure, decided before any provider is called; consent, do-not-contact and suppression are
 * checked inside `sendOnce`.
 */
export async function sendSms(context: ActionContext, input: Static<typeof SmsInput>): Promise<ActionResult> {
  const { prisma } = context.deps.db;
  const { sms } = context.deps;
  const { contact, address: phone } = await loadRecipient(context, 'phone');
  const to = phone === undefined ? undefined : toE164(phone);
  if (phone !== undefined && to === undefined) throw new PermanentActionError(`${phone} is not a valid E.164 phone number`);
  const body = (await renderTemplate(await sourceOf(context, input), { ...context.variables, contact })).trim();
  const request = {
    workspaceId: context.workspaceId,
    contactId: context.contactId,
    channel: 'sms' as const,
    messageType: input.messageType,
    idempotencyKey: context.idempotencyKey,
    journeyId: context.journeyId,
    journeyVersionId: context.journeyVersionId,
    enrollmentId: context.enrollmentId,
    nodeId: context.nodeId,
    ...(to !== undefined && { toAddress: to }),
    ...(input.topic !== undefined && { topic: input.topic }),
  };
  const message = { to: to ?? '', body, ...(sms.statusCallbackUrl !== undefined && { statusCallback: sms.statusCallbackUrl }) };
  const delivery = sms.twilio
    ? twilioDelivery(sms.twilio.client, sms.twilio, message)
    : smsOutboxDelivery(prisma, context.workspaceId, sms.outboxFrom, message, context.idempotencyKey);
  const result = await sendOnce(prisma, request, delivery, { now: () => new Date(context.now) });
  return messageResult(result);
}

/** The message written on the node, or the body of a saved SMS template of the workspace. */
async function sourceOf(context: ActionContext, input: Static<typeof SmsInput>): Promise<string> {
  if (input.body !== undefined) return input.body;
  if (input.templateId === undefined) throw new PermanentActionError('the SMS needs a template or a message');
  const template = await context.deps.db.prisma.messageTemplate.findFirst({ where: { id: input.templateId, workspaceId: context.workspaceId, channel: 'sms' }, select: { body: true } });
  if (!template) throw new PermanentActionError(`SMS template ${input.templateId} does not exist in this workspace`);
  return template.body;
}
