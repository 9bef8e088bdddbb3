import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody } from '../errors';

/**
 * Runs the hello workflow through the real Temporal server and worker. A start-up smoke
 * test for operators. It starts a workflow, so it needs an API key like every other route
 * that does work (only health, docs, callbacks and unsubscribe are open).
 */
export const helloRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/hello',
    {
      schema: {
        summary: 'Run the hello workflow end to end',
        tags: ['system'],
        security: [{ apiKey: [] }],
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ workflowId: Type.String(), greeting: Type.String() }),
          400: ErrorBody,
          401: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request) => {
      const { temporal } = app.services;
      const workflowId = `hello-${randomUUID()}`;
      const greeting = await temporal.client.workflow.execute('helloWorkflow', {
        args: [request.body.name],
        taskQueue: temporal.taskQueue,
        workflowId,
        workflowExecutionTimeout: 30_000,
      });
      if (typeof greeting !== 'string') throw new Error('helloWorkflow returned a non-string');
      return { workflowId, greeting };
    },
  );
};
