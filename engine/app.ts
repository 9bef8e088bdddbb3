import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { guardRoutes } from './access/guard';
import { auditPlugin } from './audit/plugin';
import { ErrorBody, registerErrorHandler } from './errors';
import { LOG_REDACT, serializeRequest } from './log-redaction';
import { builtUiDir } from './paths';
import { authPlugin } from './plugins/auth';
import { registerRateLimit, type RateLimitOptions } from './plugins/rate-limit';
import { servicesPlugin, type AppServices } from './plugins/services';
import { requestValidatorCompiler } from './request-validation';
import { registerRoutes } from './routes';

export interface BuildAppOptions {
  services: AppServices;
  logger?: FastifyServerOptions['logger'];
  /** Serve the built builder UI at `/` (off in route tests). */
  serveUi?: boolean;
  /** Which proxies' X-Forwarded-For to believe (TRUST_PROXY); default none. */
  trustProxy?: boolean | string[];
  /** Default: 1,200 requests per minute per API key (or client address). */
  rateLimit?: RateLimitOptions;
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1_200;

function loggerOptions(logger: BuildAppOptions['logger']): BuildAppOptions['logger'] {
  const hygiene = { redact: LOG_REDACT, serializers: { req: serializeRequest } };
  if (logger === true) return hygiene;
  return typeof logger === 'object' ? { ...hygiene, ...logger } : false;
}

/**
 * The HTTP application, with no process concerns (ports, signals): tests build it and
 * call `inject`; server.ts listens.
 */
/** Client-side routes of builder-ui (builder-ui/src/app/router.tsx). */
const UI_PAGES = ['/sign-in', '/journeys', '/journeys/*'];

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: 1_048_576,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(requestValidatorCompiler([ErrorBody]));
  registerErrorHandler(app);
  app.addSchema(ErrorBody);
  await registerRateLimit(app, options.rateLimit ?? { perMinute: DEFAULT_RATE_LIMIT_PER_MINUTE });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Journey Engine API',
        version: '0.1.0',
        description: 'Journeys, contacts, events and the CRM data model behind them.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'A workspace API key (`journey-engine api-key create`, or POST /v1/api-keys).' },
          session: { type: 'apiKey', in: 'cookie', name: 'je_session', description: 'A signed-in person (POST /v1/session). Writes also need the "x-csrf-token" header. Named `__Host-je_session` when PUBLIC_URL is https.' },
        },
      },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(servicesPlugin, options.services);
  await app.register(authPlugin);
  // Before the routes: its hooks must apply to every one of them.
  await app.register(auditPlugin);
  // Its own context, so the guard covers exactly the API's routes (not the docs or the UI).
  await app.register(async (api) => {
    guardRoutes(api);
    await registerRoutes(api);
  });

  const uiDir = builtUiDir();
  if (options.serveUi !== false && existsSync(uiDir)) {
    await app.register(fastifyStatic, { root: uiDir, prefix: '/', wildcard: false });
    // The builder's own pages are deep-linkable (/journeys/:id?node=…): the browser asks for
    // them by URL, and the single-page app routes them once index.html has loaded.
    for (const path of UI_PAGES) app.get(path, { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
  }
  return app;
}
