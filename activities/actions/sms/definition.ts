import { defineAction } from '../definition';
import { TOPIC_NEEDS_MARKETING } from '../message-topic';
import { SmsInput } from './input';
import { sendSms } from './run';

export const smsAction = defineAction({
  id: 'sms',
  version: 1,
  label: 'Send SMS',
  description: 'Sends a text rendered with Liquid, through Twilio or to the local outbox. Consent, subscription topics, do-not-contact and suppression are enforced.',
  category: 'messaging',
  icon: 'message-square',
  input: SmsInput,
  credentials: ['twilio'],
  outputs: ['sent', 'skipped', 'failed'],
  message: { channel: 'sms', purpose: 'marketing', purposeField: 'messageType' },
  templateFields: ['body'],
  rules: [
    // The send fails without either; the compiler says so before publishing.
    {
      field: 'body',
      message: 'Write a message, or choose a saved template.',
      when: { all: [{ type: 'property', property: 'templateId', operator: 'not_exists' }, { type: 'property', property: 'body', operator: 'not_exists' }] },
    },
    TOPIC_NEEDS_MARKETING,
  ],
  run: sendSms,
});
