import type { Channel } from '../../prisma/generated/client';
import { TemplateInvalidError } from './errors';
import { assertParses } from './liquid';

/** What a caller sends to create or replace a template. */
export interface TemplateInput {
  readonly name: string;
  readonly channel: Extract<Channel, 'email' | 'sms'>;
  readonly subject?: string | null;
  readonly body: string;
  readonly textBody?: string | null;
}

/** The columns of a checked input: absent optional fields are stored as null. */
export interface TemplateColumns {
  readonly name: string;
  readonly channel: 'email' | 'sms';
  readonly subject: string | null;
  readonly body: string;
  readonly textBody: string | null;
}

/**
 * Checks the rules the schema cannot express: email needs a subject, SMS has neither subject
 * nor a separate text part (its body is the text), and every Liquid source parses.
 */
export function checkedTemplate(input: TemplateInput): TemplateColumns {
  const subject = input.subject ?? null;
  const textBody = input.textBody ?? null;
  if (input.channel === 'email' && (subject === null || subject.trim() === '')) throw new TemplateInvalidError('subject', 'is required for email templates');
  if (input.channel === 'sms' && subject !== null) throw new TemplateInvalidError('subject', 'is not allowed for SMS templates');
  if (input.channel === 'sms' && textBody !== null) throw new TemplateInvalidError('textBody', 'is not allowed for SMS templates: the body is the text');
  if (subject !== null) assertParses('subject', subject);
  assertParses('body', input.body);
  if (textBody !== null) assertParses('textBody', textBody);
  return { name: input.name, channel: input.channel, subject, body: input.body, textBody };
}
