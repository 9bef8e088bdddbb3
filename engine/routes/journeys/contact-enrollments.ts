import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError } from '../../errors';
import { listContactEnrollments } from '../../journeys/enrollments';
import { errorReplies, mapped } from './common';
import { ContactParams, EnrollmentListQuery, EnrollmentPageReply } from './enrollment-schemas';
import { enrollmentPageView } from './enrollment-view';

/** One contact's journeys: registered under /v1/contacts, next to the contact routes. */
export const contactEnrollmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;
  app.get(
    '/:contactId/enrollments',
    {
      schema: {
        tags: ['contacts', 'journeys'],
        security: [{ apiKey: [] }],
        summary: "The contact's enrollments in every journey, a page at a time (in id order)",
        params: ContactParams,
        querystring: EnrollmentListQuery,
        response: { 200: EnrollmentPageReply, ...errorReplies },
      },
    },
    async (request) => {
      const { status, limit, cursor } = request.query;
      const page = await mapped(() =>
        listContactEnrollments(prisma, request.workspaceId, request.params.contactId, { limit: limit ?? 50, ...(status && { status }), ...(cursor !== undefined && { cursor }) }),
      );
      if (!page) throw new ApiError('NOT_FOUND', `contact ${request.params.contactId}`);
      return enrollmentPageView(page);
    },
  );
};
