import { checkedTemplate, TemplateInvalidError } from '../../../engine/templates';

const invalid = (input: Parameters<typeof checkedTemplate>[0]): { field: string; detail: string } => {
  try {
    checkedTemplate(input);
  } catch (error) {
    if (error instanceof TemplateInvalidError) return { field: error.field, detail: error.detail };
    throw error;
  }
  throw new Error('expected the template to be refused');
};

describe('checkedTemplate', () => {
  const email = { name: 'Welcome', channel: 'email', subject: 'Hi {{ contact.firstName }}', body: '<p>Hi</p>' } as const;

  it('stores absent optional fields as null', () => {
    expect(checkedTemplate(email)).toEqual({ ...email, textBody: null });
    expect(checkedTemplate({ name: 'SMS', channel: 'sms', body: 'Hi' })).toEqual({ name: 'SMS', channel: 'sms', subject: null, body: 'Hi', textBody: null });
  });

  it('wants a subject for email and none for SMS', () => {
    expect(invalid({ ...email, subject: '  ' })).toEqual({ field: 'subject', detail: 'is required for email templates' });
    expect(invalid({ name: 'SMS', channel: 'sms', subject: 'Hi', body: 'Hi' })).toMatchObject({ field: 'subject' });
  });

  it('names the field and line of a Liquid syntax error, with the sending engine’s tags', () => {
    expect(invalid({ ...email, body: '<p>\n{% for x in y %}\n</p>' })).toEqual({ field: 'body', detail: 'has a Liquid error on line 2: tag {% for x in y %} not closed' });
    expect(invalid({ ...email, textBody: '{{ contact.firstName' })).toMatchObject({ field: 'textBody', detail: expect.stringContaining('line 1') });
    // Sandboxed tags still parse; the renderer refuses them at render time (no file system).
    expect(checkedTemplate({ ...email, body: '{% include "footer" %}' }).body).toBe('{% include "footer" %}');
  });
});
