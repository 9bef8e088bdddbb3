import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError, ERROR_CATALOGUE } from '../../errors';
import { createJourney, saveDraftAtRevision } from '../../journeys/drafts';
import { common, errorReplies, iso } from './common';
import { CreatedJourneyReply, CreateJourneyBody, DraftConflictReply, SaveDraftBody, SavedDraftAtRevisionReply } from './editing-schemas';
import { JourneyParams } from './schemas';

const nameTaken = (name: string) => new ApiError('NAME_TAKEN', `another journey of this workspace is called ${JSON.stringify(name)}`, 'body.draft.name');

/** 2026-12-10T14:03:27.120Z → 2026-12-10 14:03:27 UTC: a time a person reads in a sentence. */
const readableTime = (date: Date): string => `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/**
 * The canvas's writes: create a journey from a first draft, and autosave a draft by journey id
 * with optimistic concurrency (the revision it loaded). Registered inside journeyRoutes.
 */
export const journeyEditingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;

  app.post(
    '/',
    {
      schema: {
        ...common,
        summary: 'Create a journey from a first draft',
        description: 'The draft becomes version 1 (unpublished) of a new journey in the draft status. 409 NAME_TAKEN when the workspace already has a journey of that name.',
        body: CreateJourneyBody,
        response: { 201: CreatedJourneyReply, 409: DraftConflictReply, ...errorReplies },
      },
    },
    async (request, reply) => {
      const created = await createJourney(prisma, request.workspaceId, request.body.draft);
      if (!created.ok) throw nameTaken(request.body.draft.name);
      return reply.status(201).send({ journeyId: created.journeyId, version: created.version, revision: created.revision });
    },
  );

  app.put(
    '/:journeyId/draft',
    {
      schema: {
        ...common,
        summary: "Save the journey's draft, if nobody saved since the revision it was edited from",
        description:
          'The draft goes into the latest version while it is unpublished, or opens version n + 1 after a publish (as PUT /v1/journeys/drafts does). Saved only when `revision` is the current one; the save moves it on by one. A stale revision gets 409 DRAFT_CONFLICT with the current `revision` and nothing is written. `draft.name` renames the journey (409 NAME_TAKEN when another journey has that name).',
        params: JourneyParams,
        body: SaveDraftBody,
        response: { 200: SavedDraftAtRevisionReply, 409: DraftConflictReply, ...errorReplies },
      },
    },
    async (request, reply) => {
      const { journeyId } = request.params;
      const { draft, revision } = request.body;
      const saved = await saveDraftAtRevision(prisma, request.workspaceId, journeyId, draft, revision);
      if (saved.ok) return { journeyId: saved.journeyId, version: saved.version, revision: saved.revision, savedAt: iso(saved.savedAt) };
      if (saved.reason === 'not_found') throw new ApiError('NOT_FOUND', `journey ${journeyId}`);
      if (saved.reason === 'name_taken') throw nameTaken(draft.name);
      return reply.status(409).send({
        error: {
          code: 'DRAFT_CONFLICT',
          message: ERROR_CATALOGUE.DRAFT_CONFLICT.message.replace('{detail}', readableTime(saved.changedAt)),
          field: 'body.revision',
          requestId: request.id,
        },
        revision: saved.revision,
        changedAt: iso(saved.changedAt),
      });
    },
  );
};
