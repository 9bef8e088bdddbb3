import { defineAction } from '../definition';
import { topicNeedsMarketing } from '../message-topic';
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
  message: (input) => ({ channel: 'sms', purpose: input.messageType ?? 'marketing', quietHours: true, frequencyCap: true }),
  templateFields: ['body'],
  check: topicNeedsMarketing,
  run: sendSms,
});
