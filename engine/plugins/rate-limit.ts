import { createHash } from 'node:crypto';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface RateLimitOptions {
  /** Requests per minute per API key (per client address without one); 0 turns the limit off. */
  readonly perMinute: number;
}

const BEARER = /^bearer[ \t]+(\S+)/i;

/**
 * Who a request counts against: its API key when it sends one (a workspace's integrations
 * share its budget, wherever they run), else its address. The key is hashed so the limiter's
 * memory never holds a usable credential. Counted before authentication, so a flood of wrong
 * keys is limited too.
 */
export function rateLimitKey(request: FastifyRequest): string {
  const key = BEARER.exec(request.headers.authorization ?? '')?.[1];
  return key ? `key:${createHash('sha256').update(key).digest('hex').slice(0, 32)}` : `ip:${request.ip}`;
}

/** Health checks and the API docs are never limited: monitors and people reading must get through. */
const exempt = (request: FastifyRequest): boolean => {
  const path = request.url.split('?')[0] ?? '';
  return path === '/health' || path === '/docs' || path.startsWith('/docs/');
};

/**
 * Limits every request. Over the limit it is answered 429 RATE_LIMITED by the one error
 * handler, with `retry-after`. The check is a root `onRequest` hook, so it runs before the
 * routes' own hooks (the API key check): the plugin's per-route hooks would run after it, and
 * requests with wrong keys would never be counted.
 */
export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  if (options.perMinute <= 0) return;
  await app.register(fastifyRateLimit, { global: false, max: options.perMinute, timeWindow: 60_000, keyGenerator: rateLimitKey, allowList: exempt });
  app.addHook('onRequest', app.rateLimit());
}
