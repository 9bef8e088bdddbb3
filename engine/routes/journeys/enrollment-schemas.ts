import { Type } from 'typebox';
import { NextCursor, PageCursor, PageLimit } from './read-schemas';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });

const EnrollmentStatusSchema = Type.Union([Type.Literal('running'), Type.Literal('completed'), Type.Literal('exited'), Type.Literal('failed'), Type.Literal('cancelled')]);

export const EnrollmentParams = Type.Object({ journeyId: Type.String({ format: 'uuid' }), enrollmentId: Type.String({ format: 'uuid' }) });
export const ContactParams = Type.Object({ contactId: Type.String({ format: 'uuid' }) });

export const EnrollmentListQuery = Type.Object({ status: Type.Optional(EnrollmentStatusSchema), limit: PageLimit, cursor: PageCursor }, { additionalProperties: false });

export const EnrollmentView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  journeyId: Type.String({ format: 'uuid' }),
  journeyName: Type.String(),
  version: Type.Integer({ description: 'The version the contact runs (the one it entered on).' }),
  contactId: Type.String({ format: 'uuid' }),
  status: EnrollmentStatusSchema,
  currentNodeId: Nullable(Type.String({ description: 'The node a running contact last reached; null once ended.' })),
  startedAt: Timestamp,
  endedAt: Nullable(Timestamp),
  exitReason: Nullable(Type.String({ description: 'goal_reached, exit_criteria, cancelled, …' })),
});

export const EnrollmentDetailReply = Type.Object({
  enrollment: EnrollmentView,
  steps: Type.Array(
    Type.Object({
      nodeId: Type.String(),
      visit: Type.Integer({ description: '1 for the first visit; loops revisit nodes.' }),
      step: Type.Integer(),
      status: Type.String({ description: 'running, completed, skipped, failed, …' }),
      outcome: Nullable(Type.String({ description: 'The branch taken or the action result: "yes", "timeout", "sent".' })),
      error: Nullable(Type.String({ description: 'Why the step was skipped or failed, in words a marketer reads.' })),
      enteredAt: Timestamp,
      completedAt: Nullable(Timestamp),
    }),
    { description: 'The path the contact took, in order.' },
  ),
});

export const EnrollmentPageReply = Type.Object({ enrollments: Type.Array(EnrollmentView), nextCursor: NextCursor });

export const CancelReply = Type.Object({
  enrollmentId: Type.String({ format: 'uuid' }),
  status: EnrollmentStatusSchema,
});

export const EnrollBody = Type.Object(
  { contactIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 1_000, description: 'Up to 1,000 contacts of the workspace; repeats count once.' }) },
  { additionalProperties: false },
);

export const EnrollReply = Type.Object({
  version: Type.Integer({ description: 'The published version the contacts enter.' }),
  results: Type.Array(
    Type.Object({
      contactId: Type.String({ format: 'uuid' }),
      result: Type.Union([Type.Literal('started'), Type.Literal('already_running'), Type.Literal('not_found')], {
        description: 'started: a run was started (it still applies the entry rules: re-entry, entry filter, limit); already_running: the contact is in the journey now; not_found: no such contact in the workspace.',
      }),
    }),
  ),
});
