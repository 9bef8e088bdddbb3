import { Type, type Static } from 'typebox';
import { ConsentInput } from '../consent/input';

const Text = (maxLength: number, description?: string) => Type.Union([Type.String({ minLength: 1, maxLength }), Type.Null()], description ? { description } : {});

export const ContactTypeSchema = Type.Union([Type.Literal('retail'), Type.Literal('wholesale'), Type.Literal('distributor')]);
export const ChannelSchema = Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('push'), Type.Literal('whatsapp'), Type.Literal('webhook')]);

/** Custom attribute keys, as segment criteria can name them (`attributes.<key>`). */
export const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * What an upsert may say about a contact. A field left out is left alone; `null` clears it.
 * The contact is found by `externalId`, else by `email`; one of them is required.
 */
export const ContactInput = Type.Object(
  {
    externalId: Type.Optional(Text(200, 'The id the shop or CRM knows this contact by.')),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 320 }), Type.Null()], { description: 'Stored lower-cased.' })),
    phone: Type.Optional(Text(32, 'E.164, e.g. +14155550123 (spaces, dashes and brackets are removed).')),
    firstName: Type.Optional(Text(200)),
    lastName: Type.Optional(Text(200)),
    company: Type.Optional(Text(200)),
    type: Type.Optional(ContactTypeSchema),
    source: Type.Optional(Text(100, 'Acquisition source, e.g. "web", "pos", "import".')),
    timezone: Type.Optional(Text(64, 'An IANA time zone, e.g. Europe/Paris.')),
    locale: Type.Optional(Text(35, 'A BCP 47 tag, e.g. en-GB.')),
    preferredChannel: Type.Optional(Type.Union([ChannelSchema, Type.Null()])),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100, description: "The contact's whole tag set (replaces the current one)." })),
    attributes: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        maxProperties: 200,
        description: 'Merged into the current custom attributes; a key set to null is removed. Keys: letters, digits, "_" and "-" (up to 100).',
      }),
    ),
    consent: Type.Optional(ConsentInput),
  },
  { additionalProperties: false },
);
export type ContactInput = Static<typeof ContactInput>;
