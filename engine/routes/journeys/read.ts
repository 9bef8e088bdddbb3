import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError } from '../../errors';
import { getJourney, getVersion, listJourneys, listVersions, type JourneySummary } from '../../journeys/listing';
import { common, errorReplies, iso, isoOrNull, mapped } from './common';
import { JourneyPageReply, JourneyListQuery, JourneyReply, VersionParams, VersionReply, VersionsReply } from './read-schemas';
import { JourneyParams } from './schemas';

const summaryView = (journey: JourneySummary) => ({
  ...journey,
  lastPublishedAt: isoOrNull(journey.lastPublishedAt),
  createdAt: iso(journey.createdAt),
  updatedAt: iso(journey.updatedAt),
});

/** Reading journeys: the list, one journey with its canvas graph, its versions, one version. Registered inside journeyRoutes (its API key hook). */
export const journeyReadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;

  app.get(
    '/',
    {
      schema: {
        ...common,
        summary: "The workspace's journeys, a page at a time (in id order)",
        description: 'Each with its latest and published version, when it was last published, and its enrollment counts (entered, active, completed). ?q= finds journeys by a part of their name.',
        querystring: JourneyListQuery,
        response: { 200: JourneyPageReply, ...errorReplies },
      },
    },
    async (request) => {
      const { status, q, limit, cursor } = request.query;
      const page = await mapped(() => listJourneys(prisma, request.workspaceId, { limit: limit ?? 50, ...(status && { status }), ...(q !== undefined && { q }), ...(cursor !== undefined && { cursor }) }));
      return { journeys: page.journeys.map(summaryView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/:journeyId',
    { schema: { ...common, summary: 'A journey, with the canvas graph of its latest version and its draft revision', params: JourneyParams, response: { 200: JourneyReply, ...errorReplies } } },
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

  app.get(
    '/:journeyId/versions/:version',
    {
      schema: {
        ...common,
        summary: 'One version of the journey, with its canvas graph',
        description: 'For read-only views of a published version and for comparing versions.',
        params: VersionParams,
        response: { 200: VersionReply, ...errorReplies },
      },
    },
    async (request) => {
      const { journeyId, version } = request.params;
      const found = await getVersion(prisma, request.workspaceId, journeyId, version);
      if (!found.ok) {
        if (found.reason === 'journey_not_found') throw new ApiError('NOT_FOUND', `journey ${journeyId}`, 'params.journeyId');
        throw new ApiError('NOT_FOUND', `version ${version} of journey ${journeyId}`, 'params.version');
      }
      return { ...found.version, publishedAt: isoOrNull(found.version.publishedAt), createdAt: iso(found.version.createdAt) };
    },
  );
};
