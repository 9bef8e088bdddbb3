import { Type } from 'typebox';

export const SegmentParams = Type.Object({ segmentId: Type.String({ format: 'uuid' }) });

/** Criteria are checked by the segment validator (errors name the place in the tree), not by the route schema. */
export const SegmentBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2_000 })),
    kind: Type.Union([Type.Literal('static'), Type.Literal('dynamic')]),
    criteria: Type.Optional(Type.Unknown({ description: 'The criteria tree of a dynamic segment (see docs/segments.md).' })),
  },
  { additionalProperties: false },
);

export const PreviewBody = Type.Object({ criteria: Type.Unknown() }, { additionalProperties: false });

export const SavedSegment = Type.Object({ segmentId: Type.String(), entered: Type.Integer(), exited: Type.Integer() });

export const Preview = Type.Object({
  count: Type.Integer(),
  sample: Type.Array(Type.Object({ id: Type.String(), email: Type.Union([Type.String(), Type.Null()]), name: Type.Union([Type.String(), Type.Null()]) })),
});

export const SegmentInvalidReply = Type.Object({
  error: Type.Object({ code: Type.Literal('SEGMENT_INVALID'), message: Type.String(), requestId: Type.String() }),
  issues: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
});

export const MembersBody = Type.Object({ contactIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 10_000 }) }, { additionalProperties: false });
export const MembersChanged = Type.Object({ changed: Type.Integer() });

export const ImportReport = Type.Object({
  rows: Type.Integer(),
  added: Type.Integer(),
  unmatched: Type.Array(Type.Object({ line: Type.Integer(), value: Type.String() })),
  invalid: Type.Array(Type.Object({ line: Type.Integer(), message: Type.String() })),
});

const Kind = Type.Union([Type.Literal('static'), Type.Literal('dynamic')]);
const Timestamp = Type.String({ format: 'date-time' });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
const NextCursor = Type.Union([Type.String(), Type.Null()], { description: 'Send it as cursor for the next page; null on the last page.' });

export const PageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'The nextCursor of the previous page.' })),
  },
  { additionalProperties: false },
);

export const SegmentSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  kind: Kind,
  members: Type.Integer({ minimum: 0 }),
  evaluatedAt: NullableTimestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const SegmentPage = Type.Object({ segments: Type.Array(SegmentSummary), nextCursor: NextCursor });

export const SegmentDetail = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  kind: Kind,
  criteria: Type.Unknown({ description: 'The criteria tree of a dynamic segment; null for a static one.' }),
  dependsOn: Type.Array(Type.String(), { description: 'What the criteria read ("contact:tags", "event:<name>", "segment:<id>", …).' }),
  timeBased: Type.Boolean({ description: 'Membership can change with time alone; also swept on a schedule.' }),
  evaluatedAt: NullableTimestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  counts: Type.Object({ members: Type.Integer({ minimum: 0 }), enteredLast30Days: Type.Integer({ minimum: 0 }), exitedLast30Days: Type.Integer({ minimum: 0 }) }),
});

export const MemberPage = Type.Object({
  members: Type.Array(
    Type.Object({
      contactId: Type.String({ format: 'uuid' }),
      email: Type.Union([Type.String(), Type.Null()]),
      since: Type.String({ format: 'date-time', description: 'When the contact entered.' }),
      source: Type.String({ description: '"evaluation", "import", "api", "journey:<id>:<node>", …' }),
    }),
  ),
  nextCursor: NextCursor,
});

export const SegmentDeleted = Type.Object({
  segmentId: Type.String({ format: 'uuid' }),
  exited: Type.Integer({ minimum: 0, description: 'Members announced as segment.exited (source segment_deleted).' }),
});
