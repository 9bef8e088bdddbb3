import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError } from '../../errors';
import { getJourney, listJourneys, listVersions, type JourneySummary } from '../../journeys/listing';
import { common, errorReplies, iso, isoOrNull, mapped } from './common';
import { JourneyPageReply, JourneyListQuery, JourneyReply, VersionsReply } from './read-schemas';
import { JourneyParams } from './schemas';

const summaryView = (journey: JourneySummary) => ({ ...journey, createdAt: iso(journey.createdAt), updatedAt: iso(journey.updatedAt) });

/** Reading journeys: the list, one journey with its canvas graph, its versions. Registered inside journeyRoutes (its API key hook). */
export const journeyReadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;

  app.get(
    '/',
    { schema: { ...common, summary: "The workspace's journeys, a page at a time (in id order)", querystring: JourneyListQuery, response: { 200: JourneyPageReply, ...errorReplies } } },
    async (request) => {
      const { status, limit, cursor } = request.query;
      const page = await mapped(() => listJourneys(prisma, request.workspaceId, { limit: limit ?? 50, ...(status && { status }), ...(cursor !== undefined && { cursor }) }));
      return { journeys: page.journeys.map(summaryView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/:journeyId',
    { schema: { ...common, summary: 'A journey, with the canvas graph of its latest version', params: JourneyParams, response: { 200: JourneyReply, ...errorReplies } } },
    async (request) => {
      const journey = await getJourney(prisma, request.workspaceId, request.params.journeyId);
      if (!journey) throw new ApiError('NOT_FOUND', `journey ${request.params.journeyId}`);
      return { ...summaryView(journey), graph: journey.graph };
    },
  );

  app.get(
    '/:journeyId/versions',
    { schema: { ...common, summary: "The journey's versions, newest first", params: JourneyParams, response: { 200: VersionsReply, ...errorReplies } } },
    async (request) => {
      const versions = await listVersions(prisma, request.workspaceId, request.params.journeyId);
      if (!versions) throw new ApiError('NOT_FOUND', `journey ${request.params.journeyId}`);
      return { versions: versions.map((version) => ({ ...version, publishedAt: isoOrNull(version.publishedAt), createdAt: iso(version.createdAt) })) };
    },
  );
};
