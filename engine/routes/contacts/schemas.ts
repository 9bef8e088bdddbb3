import { Type } from 'typebox';
import { ContactInput, ContactView } from '../../contacts';

export const ContactParams = Type.Object({ contactId: Type.String({ format: 'uuid' }) });

export const UpsertBody = ContactInput;

export const ContactReply = ContactView;

export const UpsertReply = Type.Object({
  contact: ContactView,
  created: Type.Boolean(),
  changed: Type.Array(Type.String(), { description: 'The fields that changed, as segment criteria name them: "email", "tags", "attributes.plan", then consent: "consent.email.marketing", "consent.topics.newsletter".' }),
  awaitingConfirmation: Type.Array(Type.String(), { description: 'Channels whose marketing grant is pending until the contact confirms by email (double opt-in); the email is sent.' }),
});

const LifecycleStage = Type.Union([
  Type.Literal('prospect'), Type.Literal('new_customer'), Type.Literal('active'), Type.Literal('at_risk'), Type.Literal('inactive'),
  Type.Literal('churned'), Type.Literal('win_back'), Type.Literal('loyal'), Type.Literal('champion'),
]);

export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Case-insensitive prefix of the email, first name, last name or company.' })),
    segmentId: Type.Optional(Type.String({ format: 'uuid', description: 'Only members of this segment.' })),
    lifecycleStage: Type.Optional(LifecycleStage),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Only contacts with this tag.' })),
    attributes: Type.Optional(
      Type.String({
        maxLength: 2_000,
        description: 'Custom attribute equality, as a JSON object: {"plan":"pro","seats":3} matches contacts whose attributes.plan is "pro" and attributes.seats is 3 (values compare as JSON: 3 is not "3").',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'The nextCursor of the previous page.' })),
  },
  { additionalProperties: false },
);

export const ContactPageReply = Type.Object({
  contacts: Type.Array(ContactView),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Send it as cursor for the next page; null on the last page.' }),
});

export const MergeBody = Type.Object({ from: Type.String({ format: 'uuid', description: 'The duplicate: merged into the contact of the URL, then deleted.' }) }, { additionalProperties: false });

const Count = Type.Integer({ minimum: 0 });
export const MergeReply = Type.Object({
  contact: ContactView,
  moved: Type.Object({
    events: Count,
    orders: Count,
    consents: Count,
    consentEvents: Count,
    topicSubscriptions: Count,
    communications: Count,
    scoreAdjustments: Count,
    enrollments: Count,
    loyaltyAccounts: Count,
    loyaltyAccountsCombined: Count,
    staticSegments: Count,
  }),
  changed: Type.Array(Type.String()),
});

export const Deleted = Type.Null({ description: 'The contact is deleted.' });

export const ImportReply = Type.Object({
  rows: Type.Integer({ description: 'Data rows read (the header not counted).' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  duplicates: Type.Array(Type.Object({ line: Type.Integer(), duplicateOf: Type.Integer() }), { description: 'Rows naming a contact an earlier row named: skipped, the first row wins.' }),
  invalid: Type.Array(Type.Object({ line: Type.Integer(), field: Type.String(), message: Type.String() }), { description: 'Refused rows (at most 1,000 listed), with the column at fault; the header is line 1.' }),
  invalidNotListed: Type.Integer(),
});
