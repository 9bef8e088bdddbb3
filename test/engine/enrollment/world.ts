import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { ActionRegistry } from '../../../activities/actions';
import { createActivities } from '../../../activities';
import type { Database } from '../../../engine/db';
import { createJourneyEnroller } from '../../../engine/enrollment/enroller';
import type { JourneyDraft, TriggerConfig } from '../../../engine/journey/schema';
import { publishJourney, saveJourneyDraft } from '../../../engine/journeys';
import { testActivityDeps } from '../../support/messaging';

const at = (index: number) => ({ x: 0, y: index * 120 });

/** trigger → exit: the cheapest journey there is, so a test of 10,000 entries measures the enrolling. Entry once per contact. */
export function triggerThenExit(name: string, trigger: TriggerConfig = { type: 'manual' }): JourneyDraft {
  return {
    schemaVersion: 2,
    name,
    settings: { reentry: { mode: 'never' }, exitCriteria: [] },
    nodes: [
      { id: 'start', kind: 'trigger', position: at(0), config: trigger },
      { id: 'done', kind: 'exit', position: at(1), config: {} },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'done' }],
  };
}

/** Saves and publishes the journey through the real publish path (which makes it active). */
export async function publishDraft(db: Database, actions: ActionRegistry, workspaceId: string, draft: JourneyDraft): Promise<string> {
  const saved = await saveJourneyDraft(db.prisma, workspaceId, draft);
  const published = await publishJourney(db.prisma, actions.catalog(), workspaceId, saved.journeyId);
  if (!published.ok) throw new Error(`the test journey does not publish: ${JSON.stringify(published)}`);
  return saved.journeyId;
}

let counter = 0;
export async function workspace(db: Database, timezone = 'Europe/London'): Promise<string> {
  counter += 1;
  const slug = `bulk-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  return (await db.prisma.workspace.create({ data: { name: slug, slug, timezone } })).id;
}

/** `count` contacts and a static segment holding them all, inserted set-based (seconds, not minutes). */
export async function segmentOf(db: Database, workspaceId: string, count: number, name = 'Everyone'): Promise<string> {
  const segment = await db.prisma.segment.create({ data: { workspaceId, name, kind: 'static' } });
  await db.prisma.$executeRaw`
    INSERT INTO contact (id, workspace_id, email, updated_at)
    SELECT gen_random_uuid(), ${workspaceId}::uuid, ${name} || '-' || n || '@example.com', now() FROM generate_series(1, ${count}::int) AS n`;
  await db.prisma.$executeRaw`
    INSERT INTO segment_membership (segment_id, contact_id, workspace_id, source)
    SELECT ${segment.id}::uuid, id, workspace_id, 'import' FROM contact WHERE workspace_id = ${workspaceId}::uuid AND email LIKE ${`${name}-%`}`;
  return segment.id;
}

/**
 * A worker running the journey and bulk enrollment workflows on `taskQueue`; the runs it
 * enters go to `journeyQueue` (the same queue unless a test wants them started but not run).
 */
export function enrollmentWorker(env: TestWorkflowEnvironment, bundle: WorkflowBundleWithSourceMap, db: Database, actions: ActionRegistry, taskQueue: string, journeyQueue = taskQueue): Promise<Worker> {
  const deps = testActivityDeps(db, actions, { enroller: createJourneyEnroller(env.client, journeyQueue) });
  return Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: createActivities(deps), maxConcurrentActivityTaskExecutions: 20 });
}

/** Polls until `done` holds (or fails with `what`). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
