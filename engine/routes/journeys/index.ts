import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError, ERROR_CATALOGUE } from '../../errors';
import { lintLatestVersion, publishJourney, saveJourneyDraft } from '../../journeys';
import { journeyEditingRoutes } from './editing';
import { journeyEnrollmentRoutes } from './enrollments';
import { journeyReadRoutes } from './read';
import { journeyStatsRoutes } from './stats';
import { journeyStatusRoutes } from './status';
import { upgradeDraftInBody } from './upgrade-body';
import { DraftBody, InvalidJourneyReply, JourneyParams, LintReply, PublishedReply, SavedDraftReply } from './schemas';

const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } } as const;

/**
 * Journeys as code: save a draft by name, lint it, publish it. What a developer's CI (the
 * `journey-engine push` command) and the canvas's save and publish buttons call. Then reading
 * them, the canvas's create and revision-checked draft saves, status changes, statistics and
 * enrollments, in child plugins under the same prefix.
 */
export const journeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // onRequest, not preHandler: the key is checked before the body is parsed or validated.
  const { prisma } = app.services.db;
  app.addHook('preValidation', upgradeDraftInBody);
  // Registered after the hook, so they inherit it (every route needs the key).
  await app.register(journeyReadRoutes);
  await app.register(journeyEditingRoutes);
  await app.register(journeyStatusRoutes);
  await app.register(journeyStatsRoutes);
  await app.register(journeyEnrollmentRoutes);

  app.put(
    '/drafts',
    { schema: { summary: 'Save a journey draft (created or updated by name)', tags: ['journeys'], security: [{ apiKey: [] }], body: DraftBody, response: { 200: SavedDraftReply, ...errorReplies } } },
    // The envelope is validated here; each node by the compiler at lint and publish time, with node-located issues.
    async (request) => saveJourneyDraft(prisma, request.workspaceId, request.body),
  );

  app.post(
    '/:journeyId/lint',
    { schema: { summary: "Compile and lint the journey's latest version", tags: ['journeys'], security: [{ apiKey: [] }], params: JourneyParams, response: { 200: LintReply, ...errorReplies } } },
    async (request) => {
      const report = await lintLatestVersion(prisma, app.services.actions.catalog(), request.workspaceId, request.params.journeyId);
      if (!report) throw new ApiError('NOT_FOUND', `journey ${request.params.journeyId}`);
      return report;
    },
  );

  app.post(
    '/:journeyId/publish',
    {
      schema: {
        summary: "Publish the journey's latest version",
        description: 'Compiles the latest draft; on success it becomes the version new entrants get. Contacts already in the journey stay on their version. A draft journey becomes active; a paused or archived one keeps its status.',
        tags: ['journeys'],
        security: [{ apiKey: [] }],
        params: JourneyParams,
        response: { 200: PublishedReply, 422: InvalidJourneyReply, ...errorReplies },
      },
    },
    async (request, reply) => {
      const result = await publishJourney(prisma, app.services.actions.catalog(), request.workspaceId, request.params.journeyId);
      if (result.ok) return { journeyVersionId: result.journeyVersionId, version: result.version, alreadyPublished: result.alreadyPublished };
      if (result.reason === 'invalid') {
        const detail = `${result.issues.length} problem${result.issues.length === 1 ? '' : 's'} to fix`;
        return reply.status(422).send({
          error: { code: 'JOURNEY_INVALID', message: ERROR_CATALOGUE.JOURNEY_INVALID.message.replace('{detail}', detail), requestId: request.id },
          issues: result.issues,
        });
      }
      throw new ApiError('NOT_FOUND', result.reason === 'no_draft' ? `a draft of journey ${request.params.journeyId}` : `journey ${request.params.journeyId}`);
    },
  );
};
