import { Type } from 'typebox';
import { JourneyDraft } from '../../journey/schema';

const Revision = Type.Integer({ minimum: 0 });

export const CreateJourneyBody = Type.Object({ draft: JourneyDraft }, { additionalProperties: false });

export const CreatedJourneyReply = Type.Object({
  journeyId: Type.String({ format: 'uuid' }),
  version: Type.Integer({ description: 'Always 1: the draft is the first version.' }),
  revision: Type.Integer({ minimum: 0, description: 'Send it with the next PUT /v1/journeys/{journeyId}/draft.' }),
});

export const SaveDraftBody = Type.Object(
  {
    draft: JourneyDraft,
    revision: Type.Integer({ minimum: 0, description: 'The revision this draft was edited from (GET /v1/journeys/{journeyId}, or the previous save).' }),
  },
  { additionalProperties: false },
);

export const SavedDraftAtRevisionReply = Type.Object({
  journeyId: Type.String({ format: 'uuid' }),
  version: Type.Integer({ description: 'The version the draft went into: the unpublished latest one, or a new one after a publish.' }),
  revision: Type.Integer({ minimum: 0, description: 'The new revision: send it with the next save.' }),
  savedAt: Type.String({ format: 'date-time' }),
});

/**
 * A refused save: DRAFT_CONFLICT (a stale revision; `revision` and `changedAt` say what is
 * current) or NAME_TAKEN (`field` is `body.draft.name`).
 */
export const DraftConflictReply = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'DRAFT_CONFLICT or NAME_TAKEN.' }),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    requestId: Type.String(),
  }),
  revision: Type.Optional(Revision),
  changedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the current revision was saved.' })),
});
