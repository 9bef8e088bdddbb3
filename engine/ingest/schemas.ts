import { ConsentInput } from '../consent/input';
import { Type, type Static } from 'typebox';

// The shapes ingestion accepts: one schema each, used for the service's types, the routes'
// validation and OpenAPI, and the per-item check of a batch (where the route cannot refuse
// the whole request for one bad item).

const strict = { additionalProperties: false } as const;

/** Who a call is about. Looked up in this order; an unknown externalId or email creates the contact. */
const identityFields = {
  contactId: Type.Optional(Type.String({ format: 'uuid', description: "The engine's id of the contact; an unknown one is an error (it never creates a contact)." })),
  externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'The id your shop or CRM knows the contact by.' })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 320, description: 'Matched lower-cased.' })),
};

export const ContactIdentity = Type.Object(identityFields, { ...strict, description: 'One of contactId, externalId or email is required.' });
export type ContactIdentity = Static<typeof ContactIdentity>;

/** Event properties and custom attributes are free-form JSON, bounded in size by the service. */
const JsonObject = (description: string) => Type.Record(Type.String(), Type.Unknown(), { maxProperties: 200, description });

const trackFields = {
  ...identityFields,
  name: Type.String({ minLength: 1, maxLength: 200, description: 'The event name, e.g. "Viewed Product".' }),
  properties: Type.Optional(JsonObject('Up to 32 KiB of JSON.')),
  occurredAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it happened (default: now); at most 24 hours ahead.' })),
  messageId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "The sender's id of this event: a re-sent event with the same id is ignored. Default: a new uuid." })),
};
export const TrackInput = Type.Object(trackFields, strict);
export type TrackInput = Static<typeof TrackInput>;

const ProfileText = (maxLength: number, description?: string) =>
  Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength }), Type.Null()], description === undefined ? {} : { description }));

const identifyFields = {
  ...identityFields,
  firstName: ProfileText(200),
  lastName: ProfileText(200),
  company: ProfileText(200),
  phone: ProfileText(32, 'E.164, e.g. +14155550123 (spaces, dashes and brackets are removed).'),
  timezone: ProfileText(64, 'An IANA time zone, e.g. Europe/Paris.'),
  locale: ProfileText(35, 'A BCP 47 tag, e.g. en-GB.'),
  attributes: Type.Optional(JsonObject('Merged into the custom attributes; a key set to null is removed. Keys: letters, digits, "_" and "-". Up to 32 KiB.')),
  consent: Type.Optional(ConsentInput),
};
export const IdentifyInput = Type.Object(identifyFields, strict);
export type IdentifyInput = Static<typeof IdentifyInput>;

/** The database's order_status (order-content.ts assigns it to `OrderStatus`, so a status the database lacks fails to compile). */
const OrderStatusInput = Type.Union([Type.Literal('pending'), Type.Literal('paid'), Type.Literal('fulfilled'), Type.Literal('cancelled'), Type.Literal('refunded')], {
  description: 'Only paid and fulfilled orders count as purchases in scores.',
});

const Money = (description: string) => Type.Number({ minimum: 0, maximum: 999_999_999_999.99, description: `${description} At most 2 decimal places.` });

export const OrderItemInput = Type.Object(
  {
    sku: Type.String({ minLength: 1, maxLength: 200 }),
    name: Type.String({ minLength: 1, maxLength: 500 }),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    unitPrice: Money('Price of one unit.'),
    unitCost: Type.Optional(Money('Cost of one unit.')),
  },
  strict,
);
export type OrderItemInput = Static<typeof OrderItemInput>;

const orderFields = {
  externalId: Type.String({ minLength: 1, maxLength: 200, description: "The shop's order id: the order is created once and updated by it." }),
  contact: ContactIdentity,
  status: OrderStatusInput,
  currency: Type.String({ pattern: '^[A-Za-z]{3}$', description: "ISO 4217 code, e.g. USD: the workspace's currency (another is refused, since scores add amounts up in it)." }),
  amount: Money('What the customer paid, after discounts, before refunds.'),
  cost: Type.Optional(Money('Cost of goods, for margin-based CLV.')),
  discount: Type.Optional(Money('The discount given (default 0).')),
  placedAt: Type.String({ format: 'date-time', description: 'When the order was placed; at most 24 hours ahead.' }),
  items: Type.Optional(Type.Array(OrderItemInput, { maxItems: 500, description: 'The whole item list (replaces the stored one); left out, the stored items stay.' })),
};
export const OrderInput = Type.Object(orderFields, strict);
export type OrderInput = Static<typeof OrderInput>;

/** A batch item is one of the bodies above with its `type`. */
export const TrackBatchItem = Type.Object({ type: Type.Literal('track'), ...trackFields }, strict);
export const IdentifyBatchItem = Type.Object({ type: Type.Literal('identify'), ...identifyFields }, strict);
export const OrderBatchItem = Type.Object({ type: Type.Literal('order'), ...orderFields }, strict);
export type BatchItem = Static<typeof TrackBatchItem> | Static<typeof IdentifyBatchItem> | Static<typeof OrderBatchItem>;

export const MAX_BATCH_ITEMS = 500;
