import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { describeError } from '../describe-error';
import { probeTemporal } from '../temporal';

const ComponentStatus = Type.Union([Type.Literal('ok'), Type.Literal('error')]);

export const HealthReport = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
    database: Type.Object({
      status: ComponentStatus,
      kind: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
      detail: Type.Optional(Type.String()),
    }),
    temporal: Type.Object({
      status: ComponentStatus,
      address: Type.String(),
      namespace: Type.String(),
      detail: Type.Optional(Type.String()),
    }),
  },
  { $id: 'HealthReport' },
);
type HealthReportShape = Static<typeof HealthReport>;

/** Liveness of the database and the Temporal frontend; 503 when either is down. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Health of the engine, its database and Temporal',
        tags: ['system'],
        response: { 200: HealthReport, 503: HealthReport },
      },
    },
    async (request, reply) => {
      const { db, temporal } = app.services;
      const [database, workflows] = await Promise.all([
        check(() => db.ping()),
        check(() => probeTemporal(temporal.connection)),
      ]);
      // Details of failures go to the log, not to anonymous callers.
      if (database.detail) request.log.warn({ detail: database.detail }, 'database health check failed');
      if (workflows.detail) request.log.warn({ detail: workflows.detail }, 'temporal health check failed');
      const report: HealthReportShape = {
        status: database.status === 'ok' && workflows.status === 'ok' ? 'ok' : 'degraded',
        database: { status: database.status, kind: db.kind },
        temporal: { status: workflows.status, address: temporal.address, namespace: temporal.namespace },
      };
      return reply.status(report.status === 'ok' ? 200 : 503).send(report);
    },
  );
};

async function check(probe: () => Promise<unknown>): Promise<{ status: 'ok' | 'error'; detail?: string }> {
  try {
    await probe();
    return { status: 'ok' };
  } catch (error) {
    return { status: 'error', detail: describeError(error) };
  }
}
