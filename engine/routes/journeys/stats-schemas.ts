import { Type } from 'typebox';

const Count = Type.Integer({ minimum: 0 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const StatsQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, description: 'Only this published version; default: all of them.' })) }, { additionalProperties: false });

const Messages = Type.Object(
  { queued: Count, sent: Count, delivered: Count, opened: Count, clicked: Count, bounced: Count, failed: Count, replied: Count, suppressed: Count },
  { description: 'Messages the node sent (or tried to), by current delivery status.' },
);

export const StatsReply = Type.Object({
  journeyId: Type.String({ format: 'uuid' }),
  versions: Type.Array(Type.Integer(), { description: 'The published versions counted, newest first.' }),
  totals: Type.Object({
    enrollments: Type.Object({ total: Count, running: Count, completed: Count, exited: Count, failed: Count, cancelled: Count }),
    exitReasons: Type.Record(Type.String(), Count, { description: 'Enrollments per exit reason (goal_reached, exit_criteria, cancelled, …).' }),
  }),
  nodes: Type.Array(
    Type.Object({
      nodeId: Type.String(),
      kind: Nullable(Type.String()),
      label: Nullable(Type.String()),
      visits: Type.Integer({ minimum: 0, description: 'Every pass (loops count each).' }),
      entered: Type.Integer({ minimum: 0, description: 'Enrollments that reached the node.' }),
      inProgress: Type.Integer({ minimum: 0, description: 'Running enrollments whose last node is this one.' }),
      completed: Count,
      exitedByGoal: Count,
      exitedByCriteria: Count,
      failed: Count,
      skipped: Count,
      reasons: Type.Array(
        Type.Object({ status: Type.Union([Type.Literal('failed'), Type.Literal('skipped')]), reason: Type.String(), count: Count }),
        { description: 'Why visits failed (a template that does not render, a bounce) or sends were skipped (no consent, a frequency cap), most frequent first; up to 5.' },
      ),
      messages: Messages,
    }),
  ),
});
