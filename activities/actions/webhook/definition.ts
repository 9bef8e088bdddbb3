import { defineAction } from '../definition';
import { WebhookInput } from './input';
import { callWebhook } from './run';

export const webhookAction = defineAction({
  id: 'webhook',
  version: 1,
  label: 'Call a webhook',
  description: 'Calls an HTTP endpoint with a signed request and an idempotency key; private addresses are refused unless allowed.',
  category: 'integration',
  icon: 'webhook',
  input: WebhookInput,
  credentials: ['webhook-signing'],
  outputs: ['sent', 'failed'],
  templateFields: ['url', 'body'],
  run: callWebhook,
});
