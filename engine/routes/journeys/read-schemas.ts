import { Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });

export const JourneyStatusSchema = Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('paused'), Type.Literal('archived')], {
  description: 'draft (never published), active (takes new entries), paused (no new entries; runs continue), archived (for good; no new entries; runs continue).',
});

export const PageLimit = Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 }));
export const PageCursor = Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'The nextCursor of the previous page.' }));
export const NextCursor = Nullable(Type.String({ description: 'Send it as cursor for the next page; null on the last page.' }));

export const JourneyListQuery = Type.Object({ status: Type.Optional(JourneyStatusSchema), limit: PageLimit, cursor: PageCursor }, { additionalProperties: false });

const summaryFields = {
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  description: Nullable(Type.String()),
  status: JourneyStatusSchema,
  latestVersion: Nullable(Type.Integer({ description: 'The newest version, published or a draft.' })),
  publishedVersion: Nullable(Type.Integer({ description: 'The version new entrants get; null until published.' })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const JourneySummaryView = Type.Object(summaryFields);

export const JourneyPageReply = Type.Object({ journeys: Type.Array(JourneySummaryView), nextCursor: NextCursor });

export const JourneyReply = Type.Object({
  ...summaryFields,
  graph: Type.Unknown({ description: 'The canvas graph (journey file) of the latest version; null when there is none.' }),
});

export const VersionsReply = Type.Object({
  versions: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      version: Type.Integer(),
      publishedAt: Nullable(Timestamp),
      createdAt: Timestamp,
    }),
  ),
});

export const StatusChangeReply = Type.Object({
  journeyId: Type.String({ format: 'uuid' }),
  status: JourneyStatusSchema,
  changed: Type.Boolean({ description: 'False when the journey already had this status.' }),
});
