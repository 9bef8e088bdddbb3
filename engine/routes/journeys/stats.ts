import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError } from '../../errors';
import { journeyStats } from '../../journeys/stats';
import { common, errorReplies } from './common';
import { JourneyParams } from './schemas';
import { StatsQuery, StatsReply } from './stats-schemas';

/** Per-node analytics for the canvas. Registered inside journeyRoutes (its API key hook). */
export const journeyStatsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;
  app.get(
    '/:journeyId/stats',
    {
      schema: {
        ...common,
        summary: 'Per-node statistics of the published versions',
        description:
          'For each node: visits, enrollments that entered it, running contacts currently there, completed, exited by a goal or an exit criterion while there, failed, skipped, and the messages it sent by delivery status. Plus enrollments per status and per exit reason. Nodes with the same id in several versions are counted together; ?version=n counts one version (404 if it is not published).',
        params: JourneyParams,
        querystring: StatsQuery,
        response: { 200: StatsReply, ...errorReplies },
      },
    },
    async (request) => {
      const { version } = request.query;
      const stats = await journeyStats(prisma, request.workspaceId, request.params.journeyId, version === undefined ? undefined : { version });
      if (!stats) throw new ApiError('NOT_FOUND', version === undefined ? `journey ${request.params.journeyId}` : `published version ${version} of journey ${request.params.journeyId}`);
      return stats;
    },
  );
};
