import { Type } from 'typebox';
import { TOPIC_KEY_PATTERN } from '../../../engine/journey/schema/common';

/** The email node's configuration, as the canvas's form shows it. */
export const EmailInput = Type.Object(
  {
    templateId: Type.Optional(Type.String({ format: 'uuid', title: 'Template', description: 'A saved email template of the workspace.' })),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 300, title: 'Subject', description: 'Liquid; overrides the template’s subject.' })),
    html: Type.Optional(Type.String({ minLength: 1, maxLength: 500_000, title: 'HTML body', description: 'Liquid. Use {{ unsubscribe_url }} for the unsubscribe link and {{ preferences_url }} for the preference center.' })),
    format: Type.Union([Type.Literal('html'), Type.Literal('mjml')], { default: 'html', title: 'Format', description: 'MJML is compiled to responsive HTML before sending.' }),
    text: Type.Optional(Type.String({ maxLength: 200_000, title: 'Text body', description: 'Liquid; generated from the HTML when empty.' })),
    messageType: Type.Union([Type.Literal('marketing'), Type.Literal('transactional')], {
      default: 'marketing',
      title: 'Message type',
      description: 'Marketing mail needs consent and carries an unsubscribe link; transactional mail (receipts) does not.',
    }),
    from: Type.Optional(Type.String({ minLength: 3, maxLength: 300, title: 'From', description: 'Overrides the engine’s default sender.' })),
    topic: Type.Optional(
      Type.String({
        pattern: TOPIC_KEY_PATTERN,
        title: 'Subscription topic',
        description: 'Marketing only: the topic this message belongs to (e.g. newsletter); contacts who left it, or never joined an opt-in topic, are skipped.',
      }),
    ),
  },
  { additionalProperties: false },
);
