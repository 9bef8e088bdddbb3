import { defineAction } from '../definition';
import { TOPIC_NEEDS_MARKETING } from '../message-topic';
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
  message: { channel: 'email', purpose: 'marketing', purposeField: 'messageType' },
  templateFields: ['subject', 'html', 'text'],
  rules: [
    // The send fails without a template or both of these; the compiler says so before publishing.
    {
      field: 'subject',
      message: 'Write a subject, or choose a saved template.',
      when: { all: [{ type: 'property', property: 'templateId', operator: 'not_exists' }, { type: 'property', property: 'subject', operator: 'not_exists' }] },
    },
    {
      field: 'html',
      message: 'Write the HTML body, or choose a saved template.',
      when: { all: [{ type: 'property', property: 'templateId', operator: 'not_exists' }, { type: 'property', property: 'html', operator: 'not_exists' }] },
    },
    TOPIC_NEEDS_MARKETING,
  ],
  run: sendEmail,
});
