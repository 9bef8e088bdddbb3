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
