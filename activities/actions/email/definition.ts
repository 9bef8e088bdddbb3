import { defineAction } from '../definition';
import { topicNeedsMarketing } from '../message-topic';
import { EmailInput } from './input';
import { sendEmail } from './run';

export const emailAction = defineAction({
  id: 'email',
  version: 1,
  label: 'Send email',
  description: 'Sends an email rendered with Liquid, over SMTP or to the local outbox. Consent, subscription topics, do-not-contact and suppression are enforced.',
  category: 'messaging',
  icon: 'mail',
  input: EmailInput,
  credentials: ['smtp', 'unsubscribe-signing'],
  outputs: ['sent', 'skipped', 'failed'],
  message: (input) => ({ channel: 'email', purpose: input.messageType ?? 'marketing', quietHours: true, frequencyCap: true }),
  templateFields: ['subject', 'html', 'text'],
  check: topicNeedsMarketing,
  run: sendEmail,
});
