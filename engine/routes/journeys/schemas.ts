import { Type } from 'typebox';
import { JourneyDraft } from '../../journey/schema';

export const JourneyParams = Type.Object({ journeyId: Type.String({ format: 'uuid' }) });

const Issue = Type.Object({
  code: Type.String(),
  message: Type.String(),
  nodeId: Type.Optional(Type.String()),
  edgeId: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
});

const Finding = Type.Object({
  code: Type.String(),
  severity: Type.Union([Type.Literal('warning'), Type.Literal('info')]),
  message: Type.String(),
  nodeId: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
});

/** The draft as a request body: the envelope here, each node by the compiler (for node-located errors). */
export const DraftBody = JourneyDraft;

export const SavedDraftReply = Type.Object({ journeyId: Type.String(), version: Type.Integer(), created: Type.Boolean() });

export const LintReply = Type.Object({
  version: Type.Integer(),
  compiles: Type.Boolean(),
  issues: Type.Array(Issue),
  findings: Type.Array(Finding),
  maxMessagesPerChannel: Type.Record(Type.String(), Type.Union([Type.Integer(), Type.Literal('unbounded')])),
});

export const PublishedReply = Type.Object({ journeyVersionId: Type.String(), version: Type.Integer(), alreadyPublished: Type.Boolean() });

export const InvalidJourneyReply = Type.Object({
  error: Type.Object({ code: Type.Literal('JOURNEY_INVALID'), message: Type.String(), requestId: Type.String() }),
  issues: Type.Array(Issue),
});
