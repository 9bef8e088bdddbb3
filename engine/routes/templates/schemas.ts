import { Type } from 'typebox';
import { TemplateView } from '../../templates';

export const TemplateParams = Type.Object({ templateId: Type.String({ format: 'uuid' }) });

const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms')]);

/** Liquid in subject, body and textBody is parsed on save; the rules between fields are checked by the service. */
export const TemplateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: 'Unique in the workspace.' }),
    channel: Channel,
    subject: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 300 }), Type.Null()], { description: 'Liquid. Required for email; not allowed for SMS.' })),
    body: Type.String({ minLength: 1, maxLength: 500_000, description: 'Liquid: HTML (or MJML) for email, the text for SMS. Use {{ unsubscribe_url }} and {{ preferences_url }} in marketing mail.' }),
    textBody: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200_000 }), Type.Null()], { description: 'Liquid; email only. Generated from the HTML when absent.' })),
  },
  { additionalProperties: false },
);

export const ListQuery = Type.Object(
  {
    channel: Type.Optional(Channel),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'The nextCursor of the previous page.' })),
  },
  { additionalProperties: false },
);

export const TemplatePage = Type.Object({
  templates: Type.Array(TemplateView),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Send it as cursor for the next page; null on the last page.' }),
});

export const PreviewBody = Type.Object(
  {
    contactId: Type.String({ format: 'uuid' }),
    sampleEvent: Type.Optional(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 200 }),
          properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
          occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
        },
        { additionalProperties: false, description: 'Rendered as {{ event }}, like the entry event of a journey.' },
      ),
    ),
    format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('mjml')], { description: 'Email: as the email node would send it (default html).' })),
    messageType: Type.Optional(Type.Union([Type.Literal('marketing'), Type.Literal('transactional')], { description: 'Email: marketing mail gets {{ unsubscribe_url }} and {{ preferences_url }} (default marketing).' })),
  },
  { additionalProperties: false },
);

export const PreviewReply = Type.Object({
  channel: Channel,
  subject: Type.Union([Type.String(), Type.Null()]),
  body: Type.String({ description: 'The HTML of an email, the text of an SMS.' }),
  textBody: Type.Union([Type.String(), Type.Null()], { description: 'Email: the plain-text part as it would be sent.' }),
});

export const Deleted = Type.Null({ description: 'The template is deleted.' });
