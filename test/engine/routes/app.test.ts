import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { createActionRegistry } from '../../../activities/actions';
import { createActivities } from '../../../activities';
import { buildApp } from '../../../engine/app';
import type { Database } from '../../../engine/db';
import type { AppServices } from '../../../engine/plugins/services';
import { workspaceWithKey } from '../journeys/test-app';
import { openMigratedDatabase } from '../../support/database';
import { bundleWorkflows, startLocalTemporal } from '../../support/temporal';
import { testAccounts, testActivityDeps, testMail } from '../../support/messaging';

const TASK_QUEUE = 'app-test';

describe('engine HTTP app (real dev server, real PGlite)', () => {
  let env: TestWorkflowEnvironment;
  let database: { db: Database; dispose(): Promise<void> };
  let worker: Worker;
  let running: Promise<void>;
  let app: FastifyInstance;
  let authorization: string;

  const services = (db: Database): AppServices => ({
    db,
    actions: createActionRegistry(),
    unsubscribeSecret: testMail().unsubscribeSecret,
    mail: testMail(),
    accounts: testAccounts(),
    temporal: {
      client: env.client,
      connection: env.connection,
      address: env.address,
      namespace: env.namespace ?? 'default',
      taskQueue: TASK_QUEUE,
    },
  });

  beforeAll(async () => {
    const [localEnv, bundle, migrated] = await Promise.all([startLocalTemporal(), bundleWorkflows(), openMigratedDatabase('pglite')]);
    env = localEnv;
    database = migrated;
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: bundle,
      activities: createActivities(testActivityDeps(database.db, createActionRegistry())),
    });
    running = worker.run();
    authorization = `Bearer ${(await workspaceWithKey(database.db)).key}`;
    app = await buildApp({ services: services(database.db), serveUi: false });
    app.get('/test/boom', async () => {
      throw new Error('connection to postgres://admin:hunter2@10.0.0.5 failed');
    });
  });
  afterAll(async () => {
    await app?.close();
    worker?.shutdown();
    await running;
    await env?.teardown();
    await database?.dispose();
  });

  it('GET /health reports the database and Temporal as ok', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      database: { status: 'ok', kind: 'pglite' },
      temporal: { status: 'ok', address: env.address, namespace: 'default' },
    });
  });

  it('GET /health answers 503 with the failing component when the database is down', async () => {
    const broken = await openMigratedDatabase('pglite');
    await broken.db.close();
    const degraded = await buildApp({ services: services(broken.db), serveUi: false });
    const response = await degraded.inject({ method: 'GET', url: '/health' });
    await degraded.close();
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'degraded', database: { status: 'error' }, temporal: { status: 'ok' } });
  });

  it('POST /hello runs the hello workflow through the real server and worker, with an API key only', async () => {
    const refused = await app.inject({ method: 'POST', url: '/hello', payload: { name: 'Grace' } });
    expect(refused.statusCode).toBe(401);
    const response = await app.inject({ method: 'POST', url: '/hello', headers: { authorization }, payload: { name: 'Grace' } });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ workflowId: string; greeting: string }>();
    expect(body.greeting).toBe('Hello, Grace! The worker reached the pglite database (1 workspace).');
    const described = await env.client.workflow.getHandle(body.workflowId).describe();
    expect(described.status.name).toBe('COMPLETED');
  });

  it('rejects an invalid body with a 400 naming the field', async () => {
    const response = await app.inject({ method: 'POST', url: '/hello', headers: { authorization }, payload: { name: '' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.name' } });
    const missing = await app.inject({ method: 'POST', url: '/hello', headers: { authorization }, payload: {} });
    expect(missing.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.name' } });
  });

  it('answers unknown routes with the catalogue 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND', message: 'No route GET /nowhere' } });
  });

  it('never leaks internals on a 500', async () => {
    const response = await app.inject({ method: 'GET', url: '/test/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error.', requestId: expect.any(String) } });
    expect(response.body).not.toMatch(/hunter2|postgres:|10\.0\.0\.5/);
  });

  it('serves the OpenAPI document', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health', '/hello']));
  });
});
