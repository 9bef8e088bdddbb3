import Fastify, { type FastifyInstance } from 'fastify';

/**
 * The floor for `POST /v1/track`: the same fastify, parsing the same JSON body and answering
 * with a small JSON object, with nothing behind it. Whatever the engine costs on top of this
 * is authentication, validation, the database and the CRM's reaction.
 */
export async function helloApp(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.post('/v1/track', async () => ({ hello: 'world' }));
  return app;
}
