import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { startRecompute } from '../../crm/recompute/schedules';
import { ApiError } from '../../errors';
import { contactScores } from './contact-scores';
import { ContactParams, ContactScores, RecomputeProgress, RecomputeRuns, RecomputeStarted, RunParams } from './schemas';

const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } } as const;
const common = { tags: ['scores'], security: [{ apiKey: [] }] };

type Run = { id: string; trigger: string; status: 'running' | 'completed' | 'failed'; totalContacts: number; processedContacts: number; startedAt: Date; finishedAt: Date | null; error: string | null };
const progressOf = (run: Run) => ({
  runId: run.id,
  trigger: run.trigger,
  status: run.status,
  totalContacts: run.totalContacts,
  processedContacts: run.processedContacts,
  percent: run.status === 'completed' ? 100 : run.totalContacts === 0 ? 0 : Math.min(100, Math.round((run.processedContacts / run.totalContacts) * 1_000) / 10),
  startedAt: run.startedAt.toISOString(),
  finishedAt: run.finishedAt?.toISOString() ?? null,
  error: run.error,
});

/** Scores and lifecycle: per-contact scores with their components, and the batch recompute with its progress. */
export const crmRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;

  app.post(
    '/recompute',
    { schema: { ...common, summary: 'Recompute every score of the workspace now', description: 'Starts the batch recompute workflow; follow it with GET /v1/scores/recompute/{runId}.', response: { 202: RecomputeStarted, 401: { $ref: 'ErrorBody#' } } } },
    async (request, reply) => {
      const { client, taskQueue } = app.services.temporal;
      return reply.status(202).send(await startRecompute(client, prisma, taskQueue, request.workspaceId, new Date()));
    },
  );

  app.get('/recompute', { schema: { ...common, summary: 'The latest batch recomputes and their progress', response: { 200: RecomputeRuns, 401: { $ref: 'ErrorBody#' } } } }, async (request) => ({
    runs: (await prisma.scoreRecomputeRun.findMany({ where: { workspaceId: request.workspaceId }, orderBy: { startedAt: 'desc' }, take: 20 })).map(progressOf),
  }));

  app.get('/recompute/:runId', { schema: { ...common, summary: "A batch recompute's progress", params: RunParams, response: { 200: RecomputeProgress, ...errorReplies } } }, async (request) => {
    const run = await prisma.scoreRecomputeRun.findFirst({ where: { id: request.params.runId, workspaceId: request.workspaceId } });
    if (!run) throw new ApiError('NOT_FOUND', `recompute run ${request.params.runId}`);
    return progressOf(run);
  });

  app.get('/contacts/:contactId', { schema: { ...common, summary: "A contact's scores, their components and stage history", params: ContactParams, response: { 200: ContactScores, ...errorReplies } } }, async (request) => {
    const scores = await contactScores(prisma, request.workspaceId, request.params.contactId);
    if (!scores) throw new ApiError('NOT_FOUND', `contact ${request.params.contactId}`);
    return scores;
  });
};
