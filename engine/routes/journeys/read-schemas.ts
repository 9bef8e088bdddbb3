import { Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });

export const JourneyStatusSchema = Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('paused'), Type.Literal('archived')], {
  description: 'draft (never published), active (takes new entries), paused (no new entries; runs continue), archived (for good; no new entries; runs continue).',
});

export const PageLimit = Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 }));
export const PageCursor = Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'The nextCursor of the previous page.' }));
export const NextCursor = Nullable(Type.String({ description: 'Send it as cursor for the next page; null on the last page.' }));

export const JourneyListQuery = Type.Object(
  {
    status: Type.Optional(JourneyStatusSchema),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Only journeys whose name contains this, ignoring case (% and _ are plain characters).' })),
    limit: PageLimit,
    cursor: PageCursor,
  },
  { additionalProperties: false },
);

export const EnrollmentCountsView = Type.Object(
  {
    entered: Type.Integer({ minimum: 0, description: 'Enrollments of any status, every version (a contact who entered twice counts twice).' }),
    active: Type.Integer({ minimum: 0, description: 'Running now.' }),
    completed: Type.Integer({ minimum: 0, description: 'Reached the end of the journey (not exited early, failed or cancelled).' }),
  },
  { description: 'Enrollment counts over all versions.' },
);

const summaryFields = {
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  description: Nullable(Type.String()),
  status: JourneyStatusSchema,
  latestVersion: Nullable(Type.Integer({ description: 'The newest version, published or a draft.' })),
  publishedVersion: Nullable(Type.Integer({ description: 'The version new entrants get; null until published.' })),
  lastPublishedAt: Nullable(Type.String({ format: 'date-time', description: 'When the newest published version was published; null until published.' })),
  counts: EnrollmentCountsView,
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const JourneySummaryView = Type.Object(summaryFields);

export const JourneyPageReply = Type.Object({ journeys: Type.Array(JourneySummaryView), nextCursor: NextCursor });

export const JourneyReply = Type.Object({
  ...summaryFields,
  revision: Type.Integer({ minimum: 0, description: 'The draft revision: send it back with PUT /v1/journeys/{journeyId}/draft; a save from an older one is refused (409 DRAFT_CONFLICT).' }),
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

export const VersionParams = Type.Object({
  journeyId: Type.String({ format: 'uuid' }),
  version: Type.Integer({ minimum: 1 }),
});

export const VersionReply = Type.Object({
  version: Type.Integer(),
  publishedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  graph: Type.Unknown({ description: 'The canvas graph (journey file) of this version, as saved.' }),
});

export const StatusChangeReply = Type.Object({
  journeyId: Type.String({ format: 'uuid' }),
  status: JourneyStatusSchema,
  changed: Type.Boolean({ description: 'False when the journey already had this status.' }),
});
