import { Type, type Static } from 'typebox';
import type { Contact, Prisma } from '../../prisma/generated/client';
import type { ContactState } from './field-changes';
import { ChannelSchema, ContactTypeSchema } from './input';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** A contact as the API shows it. */
export const ContactView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  externalId: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  firstName: Nullable(Type.String()),
  lastName: Nullable(Type.String()),
  company: Nullable(Type.String()),
  type: ContactTypeSchema,
  source: Nullable(Type.String()),
  status: Type.String(),
  lifecycleStage: Type.String(),
  journeyStage: Type.String(),
  timezone: Nullable(Type.String()),
  locale: Nullable(Type.String()),
  preferredChannel: Nullable(ChannelSchema),
  doNotContact: Type.Boolean(),
  tags: Type.Array(Type.String()),
  attributes: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Nullable(Type.String({ format: 'date-time' })),
});
export type ContactView = Static<typeof ContactView>;

/** The custom attributes column as an object (it is always one when written by the engine). */
export function attributesOf(value: Prisma.JsonValue): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return { ...value };
}

export function viewOf(contact: Contact): ContactView {
  return {
    id: contact.id,
    externalId: contact.externalId,
    email: contact.email,
    phone: contact.phone,
    firstName: contact.firstName,
    lastName: contact.lastName,
    company: contact.company,
    type: contact.type,
    source: contact.source,
    status: contact.status,
    lifecycleStage: contact.lifecycleStage,
    journeyStage: contact.journeyStage,
    timezone: contact.timezone,
    locale: contact.locale,
    preferredChannel: contact.preferredChannel,
    doNotContact: contact.doNotContact,
    tags: contact.tags,
    attributes: attributesOf(contact.attributes),
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
    lastSeenAt: contact.lastSeenAt?.toISOString() ?? null,
  };
}

export function stateOf(contact: Contact): ContactState {
  const { externalId, email, phone, firstName, lastName, company, type, source, timezone, locale, preferredChannel } = contact;
  return { profile: { externalId, email, phone, firstName, lastName, company, type, source, timezone, locale, preferredChannel }, tags: contact.tags, attributes: attributesOf(contact.attributes) };
}
