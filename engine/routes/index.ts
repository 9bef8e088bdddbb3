import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health';
import { helloRoutes } from './hello';
import { journeyRoutes } from './journeys';

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(helloRoutes);
  await app.register(journeyRoutes, { prefix: '/v1/journeys' });
}
