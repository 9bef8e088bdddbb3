import { Type } from 'typebox';

export const RunParams = Type.Object({ runId: Type.String({ format: 'uuid' }) });
export const ContactParams = Type.Object({ contactId: Type.String({ format: 'uuid' }) });

export const RecomputeStarted = Type.Object({ runId: Type.String(), workflowId: Type.String() });

export const RecomputeProgress = Type.Object({
  runId: Type.String(),
  trigger: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed')]),
  totalContacts: Type.Integer(),
  processedContacts: Type.Integer(),
  /** 0..100. */
  percent: Type.Number(),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});

export const RecomputeRuns = Type.Object({ runs: Type.Array(RecomputeProgress) });

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Components = Type.Record(Type.String(), Type.Unknown());

export const ContactScores = Type.Object({
  contactId: Type.String(),
  lifecycleStage: Type.String(),
  journeyStage: Type.String(),
  rfm: Nullable(Type.Object({ model: Type.String(), recency: Type.Integer(), frequency: Type.Integer(), monetary: Type.Integer(), segment: Type.String(), daysSinceLast: Nullable(Type.Integer()), orderCount: Type.Integer(), totalSpend: Type.Number(), computedAt: Type.String() })),
  clv: Nullable(
    Type.Object({
      historicalValue: Type.Number(), totalCost: Type.Number(), profit: Type.Number(), orderCount: Type.Integer(), averageOrderValue: Type.Number(),
      purchaseFrequency: Type.Number(), lifespanDays: Type.Integer(), predictedValue: Type.Number(), expectedPurchases: Nullable(Type.Number()),
      probabilityAlive: Nullable(Type.Number()), expectedOrderValue: Nullable(Type.Number()), horizonDays: Type.Integer(), currency: Type.String(), computedAt: Type.String(),
    }),
  ),
  churnRisk: Nullable(Type.Object({ probability: Type.Number(), band: Type.String(), factors: Components, computedAt: Type.String() })),
  engagement: Nullable(Type.Object({ score: Type.Integer(), lastEngagedAt: Nullable(Type.String()), components: Components, computedAt: Type.String() })),
  lead: Nullable(Type.Object({ score: Type.Integer(), fit: Type.Integer(), behaviour: Type.Integer(), engagement: Type.Integer(), qualification: Type.String(), components: Components, computedAt: Type.String() })),
  health: Nullable(Type.Object({ score: Type.Integer(), level: Type.String(), components: Components, computedAt: Type.String() })),
  stageHistory: Type.Array(Type.Object({ kind: Type.Union([Type.Literal('lifecycle'), Type.Literal('journey')]), from: Nullable(Type.String()), to: Type.String(), reason: Type.String(), source: Type.String(), occurredAt: Type.String() })),
});
