import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health';
import { helloRoutes } from './hello';

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(helloRoutes);
}
