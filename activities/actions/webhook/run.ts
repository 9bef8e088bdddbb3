import type { Static } from 'typebox';
import { renderTemplate } from '../../channels/templates';
import { webhookDelivery } from '../../channels/webhook/deliver';
import { loadFacts } from '../../journey/facts';
import { setContactAttribute } from '../contact-attribute';
import { sendOnce } from '../../sending';
import type { ActionContext, ActionResult } from '../definition';
import { PermanentActionError } from '../errors';
import type { WebhookInput } from './input';

/** Renders and calls one webhook through the ledger; the JSON answer can update the contact. */
export async function callWebhook(context: ActionContext, input: Static<typeof WebhookInput>): Promise<ActionResult> {
  const { prisma } = context.deps.db;
  const facts = await loadFacts(prisma, context.workspaceId, context.contactId);
  if (!facts) throw new PermanentActionError('the contact no longer exists');
  const variables = { ...context.variables, contact: facts.contact };
  const url = (await renderTemplate(input.url, variables)).trim();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase()] = (await renderTemplate(value, variables)).replace(/[\r\n]/g, ' ');
  const body = input.body === undefined ? undefined : await renderTemplate(input.body, variables);
  if (body !== undefined && !isJson(body)) throw new PermanentActionError('the webhook body does not render to valid JSON (use the json filter for values)');

  let response: unknown;
  const delivery = webhookDelivery(
    { method: input.method, url, headers, timeoutMs: input.timeoutMs, idempotencyKey: context.idempotencyKey, ...(body !== undefined && { body }) },
    context.deps.webhooks,
    (answer) => {
      response = answer;
    },
  );
  const request = {
    workspaceId: context.workspaceId,
    contactId: context.contactId,
    channel: 'webhook' as const,
    messageType: 'transactional' as const,
    idempotencyKey: context.idempotencyKey,
    toAddress: url,
    journeyId: context.journeyId,
    journeyVersionId: context.journeyVersionId,
    enrollmentId: context.enrollmentId,
    nodeId: context.nodeId,
  };
  await sendOnce(prisma, request, delivery, { checkEligibility: false, now: () => new Date(context.now) });
  // Like any contact write: segments reading the attribute move and attribute triggers fire.
  if (input.saveResponseAs !== undefined && response !== undefined) await setContactAttribute(context, input.saveResponseAs, response);
  return { outcome: 'sent' };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

