import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bulkEnrollmentProgress } from '../../enrollment/progress';
import { startSegmentEnrollment } from '../../enrollment/start';
import { ApiError } from '../../errors';
import { EnrollSegmentBody, EnrollSegmentProgress, EnrollSegmentStarted, JourneyParams, RunParams } from './schemas';

const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } } as const;
const common = { tags: ['journeys'], security: [{ apiKey: [] }] };

/** Bulk enrollment: a segment's current members entered into a journey by a workflow, with progress. */
export const bulkEnrollmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;

  app.post(
    '/:journeyId/enroll-segment',
    {
      schema: {
        ...common,
        summary: "Enroll a segment's current members into the journey",
        description:
          "Starts a workflow that enters every member of the segment into the journey's latest published version, rate-limited and resumable; contacts already in the journey are left alone. One run per journey and segment at a time: asking again while it runs answers with that run.",
        params: JourneyParams,
        body: EnrollSegmentBody,
        response: { 202: EnrollSegmentStarted, 409: { $ref: 'ErrorBody#' }, ...errorReplies },
      },
    },
    async (request, reply) => {
      const { client, taskQueue } = app.services.temporal;
      const started = await startSegmentEnrollment(prisma, client, taskQueue, { workspaceId: request.workspaceId, journeyId: request.params.journeyId, ...request.body });
      if (started.ok) return reply.status(202).send({ runId: started.runId, workflowId: started.workflowId, alreadyRunning: started.alreadyRunning });
      if (started.reason === 'journey_not_found') throw new ApiError('NOT_FOUND', `journey ${request.params.journeyId}`);
      if (started.reason === 'segment_not_found') throw new ApiError('NOT_FOUND', `segment ${request.body.segmentId}`, 'body.segmentId');
      throw new ApiError('CONFLICT', `journey ${request.params.journeyId} is not published and active`);
    },
  );

  app.get(
    '/:journeyId/enroll-segment/:runId',
    { schema: { ...common, summary: "A segment enrollment's progress", params: RunParams, response: { 200: EnrollSegmentProgress, ...errorReplies } } },
    async (request) => {
      const progress = await bulkEnrollmentProgress(prisma, request.workspaceId, request.params.journeyId, request.params.runId);
      if (!progress) throw new ApiError('NOT_FOUND', `enrollment run ${request.params.runId}`);
      return progress;
    },
  );
};
