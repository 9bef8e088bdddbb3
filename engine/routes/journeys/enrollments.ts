import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError } from '../../errors';
import { cancelEnrollment } from '../../journeys/cancel-enrollment';
import { enrollContacts } from '../../journeys/enroll';
import { enrollmentWithSteps, listJourneyEnrollments } from '../../journeys/enrollments';
import { common, conflictReply, errorReplies, iso, isoOrNull, mapped, unavailableReply } from './common';
import { CancelReply, EnrollBody, EnrollmentDetailReply, EnrollmentListQuery, EnrollmentPageReply, EnrollmentParams, EnrollReply } from './enrollment-schemas';
import { enrollmentPageView } from './enrollment-view';
import { JourneyParams } from './schemas';

/** A journey's enrollments: list them, cancel one, enroll contacts by hand. Registered inside journeyRoutes (its API key hook). */
export const journeyEnrollmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;

  app.get(
    '/:journeyId/enrollments',
    {
      schema: {
        ...common,
        summary: "The journey's enrollments, a page at a time (in id order)",
        description: 'Each with the version it runs, its status, the node a running contact is at, when it started and ended, and why it left.',
        params: JourneyParams,
        querystring: EnrollmentListQuery,
        response: { 200: EnrollmentPageReply, ...errorReplies },
      },
    },
    async (request) => {
      const { status, limit, cursor } = request.query;
      const page = await mapped(() =>
        listJourneyEnrollments(prisma, request.workspaceId, request.params.journeyId, { limit: limit ?? 50, ...(status && { status }), ...(cursor !== undefined && { cursor }) }),
      );
      if (!page) throw new ApiError('NOT_FOUND', `journey ${request.params.journeyId}`);
      return enrollmentPageView(page);
    },
  );

  app.get(
    '/:journeyId/enrollments/:enrollmentId',
    {
      schema: {
        ...common,
        summary: "One enrollment and the path its contact took: each node visited, its outcome, and why a step was skipped or failed",
        params: EnrollmentParams,
        response: { 200: EnrollmentDetailReply, ...errorReplies },
      },
    },
    async (request) => {
      const { journeyId, enrollmentId } = request.params;
      const found = await enrollmentWithSteps(prisma, request.workspaceId, journeyId, enrollmentId);
      if (!found) throw new ApiError('NOT_FOUND', `enrollment ${enrollmentId} of journey ${journeyId}`);
      const { enrollment, steps } = found;
      return {
        enrollment: { ...enrollment, startedAt: iso(enrollment.startedAt), endedAt: isoOrNull(enrollment.endedAt) },
        steps: steps.map((step) => ({ ...step, enteredAt: iso(step.enteredAt), completedAt: isoOrNull(step.completedAt) })),
      };
    },
  );

  app.post(
    '/:journeyId/enrollments/:enrollmentId/cancel',
    {
      schema: {
        ...common,
        summary: 'Take a contact out of the journey',
        description:
          'Cancels the run’s workflow (it sends nothing more) and marks the enrollment cancelled. 409 when the enrollment has already ended; 503 when the workflow service cannot be reached (the enrollment stays running). If the run ends on its own meanwhile, the reply shows the ending it reached.',
        params: EnrollmentParams,
        response: { 200: CancelReply, ...conflictReply, ...unavailableReply, ...errorReplies },
      },
    },
    async (request) => {
      const { journeyId, enrollmentId } = request.params;
      const result = await mapped(() => cancelEnrollment(prisma, app.services.temporal.client, { workspaceId: request.workspaceId, journeyId, enrollmentId }, new Date()));
      if (result.ok) return { enrollmentId, status: result.status };
      if (result.reason === 'not_found') throw new ApiError('NOT_FOUND', `enrollment ${enrollmentId} of journey ${journeyId}`);
      throw new ApiError('CONFLICT', `enrollment ${enrollmentId} has already ended (${result.status})`);
    },
  );

  app.post(
    '/:journeyId/enroll',
    {
      schema: {
        ...common,
        summary: 'Enroll contacts by hand (up to 1,000)',
        description:
          'Starts a run of the latest published version for each contact, as a trigger would: each run applies the journey’s entry rules (re-entry, entry filter, entry limit). Per contact: started, already_running or not_found. Sending the same request again starts nothing twice. 409 when the journey is not active (never published, paused or archived); 503 when the workflow service cannot be reached (retry: contacts already started are not started again).',
        params: JourneyParams,
        body: EnrollBody,
        response: { 200: EnrollReply, ...conflictReply, ...unavailableReply, ...errorReplies },
      },
    },
    async (request) => {
      const { journeyId } = request.params;
      const { client, taskQueue } = app.services.temporal;
      const result = await mapped(() => enrollContacts(prisma, client, taskQueue, request.workspaceId, journeyId, request.body.contactIds));
      if (result.ok) return { version: result.version, results: result.results };
      if (result.reason === 'not_found') throw new ApiError('NOT_FOUND', `journey ${journeyId}`);
      throw new ApiError('CONFLICT', `journey ${journeyId} is ${result.status}; only an active (published, not paused) journey takes entries`);
    },
  );
};
