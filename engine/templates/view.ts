import { Type, type Static } from 'typebox';
import type { MessageTemplate } from '../../prisma/generated/client';

/** A template as the API shows it. */
export const TemplateView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('push'), Type.Literal('whatsapp'), Type.Literal('webhook')]),
  subject: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  textBody: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type TemplateView = Static<typeof TemplateView>;

export function viewOfTemplate(template: MessageTemplate): TemplateView {
  return {
    id: template.id,
    name: template.name,
    channel: template.channel,
    subject: template.subject,
    body: template.body,
    textBody: template.textBody,
    createdAt: template.createdAt.toISOString(),
    updatedAt: template.updatedAt.toISOString(),
  };
}
