// P1 and P1b: journeys through the engine against hand-written Temporal workflows calling the
// same activities, on the same dev server, database and worker tuning, in the same run.
//   P1  journeys/s through trigger → email → wait → branch → SMS, with mail to a real SMTP server
//       and texts to a Twilio-shaped server on loopback; floor: email, sleep, the branch's
//       condition, SMS in a bare workflow.
//   P1b a three-node journey (trigger → contact.set_attribute → exit) entered by bulk enrollment
//       of a segment, start to completion; floor: bare one-activity workflows running the same
//       action, started and completed. Peak RSS is reported: memory must stay flat.
// Rounds alternate floor and engine; each side's best round counts.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { startSegmentEnrollment } from '../engine/enrollment/start';
import { latestPublishedVersion, publishJourney, saveJourneyDraft, startJourneyRun } from '../engine/journeys';
import type { JourneyDraft, JourneyPlan } from '../engine/journey/schema';
import { JOURNEY_SEARCH_ATTRIBUTES } from '../workflows/journey/search-attributes';
import { RssSampler } from './harness/memory';
import { type BenchResult, judge, result, writeReport } from './harness/result';
import { sized } from './harness/size';
import { startAll, untilClosed } from './journeys/completion';
import { EMAIL_INPUT, fiveNodeJourney, SET_ATTRIBUTE_INPUT, SMS_INPUT, threeNodeJourney, VIP } from './journeys/drafts';
import type { floorFiveSteps, floorOneAction } from './journeys/floor-workflows';
import { floorEnrollments, populate, staticSegment } from './journeys/population';
import { openWorld, type BenchWorld, type DatabaseKind } from './journeys/world';

/** Sizes: the at full size; each can be set (BENCH_P1_RUNS, BENCH_P1B_PGLITE, BENCH_P1B_POSTGRES, BENCH_ROUNDS) and the report says which ran. */
const setting = (name: string, sizes: { small: number; full: number }): number => Number(process.env[name] ?? sized(sizes));
const P1_RUNS = setting('BENCH_P1_RUNS', { small: 30, full: 1_000 });
const P1B_CONTACTS: Record<DatabaseKind, number> = {
  pglite: setting('BENCH_P1B_PGLITE', { small: 100, full: 10_000 }),
  postgres: setting('BENCH_P1B_POSTGRES', { small: 100, full: 100_000 }),
};
const ROUNDS = setting('BENCH_ROUNDS', { small: 1, full: 2 });
/** The five-node journey's wait, set in the plan directly (the builder's smallest wait is a minute). */
const WAIT_MS = 1_000;
/** Runs started at once, as the dispatcher does for a burst of events. */
const START_CONCURRENCY = 32;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

interface Timed {
  readonly seconds: number;
  readonly peakMb: number;
}

async function timedRun(work: () => Promise<void>): Promise<Timed> {
  const memory = new RssSampler();
  const start = performance.now();
  await work();
  const seconds = (performance.now() - start) / 1_000;
  return { seconds, peakMb: memory.stop().peakMb };
}

async function published(world: BenchWorld, workspaceId: string, draft: JourneyDraft): Promise<{ journeyId: string; journeyVersionId: string; version: number; plan: JourneyPlan }> {
  const saved = await saveJourneyDraft(world.db.prisma, workspaceId, { ...draft, name: `${draft.name} ${randomUUID().slice(0, 8)}` });
  const outcome = await publishJourney(world.db.prisma, world.deps.actions.catalog(), workspaceId, saved.journeyId);
  if (!outcome.ok) throw new Error(`the benchmark journey does not publish: ${JSON.stringify(outcome)}`);
  const latest = await latestPublishedVersion(world.db.prisma, workspaceId, saved.journeyId);
  if (!latest) throw new Error('the benchmark journey has no published version');
  return { journeyId: saved.journeyId, ...latest };
}

/** The plan with its wait shortened to WAIT_MS (plans hold milliseconds; only the builder rounds to minutes). */
function withShortWait(plan: JourneyPlan): JourneyPlan {
  const nodes = Object.fromEntries(
    Object.entries(plan.nodes).map(([id, node]) => [id, node.kind === 'wait' && node.config.type === 'delay' ? { ...node, config: { ...node.config, ms: WAIT_MS } } : node]),
  );
  return { ...plan, nodes };
}

async function floorRound(world: BenchWorld, workspaceId: string, contactIds: readonly string[], draft: JourneyDraft, start: (tag: string, contactId: string, enrollmentId: string, journey: { journeyId: string; journeyVersionId: string }) => Promise<unknown>, workflowType: string): Promise<Timed> {
  const journey = await published(world, workspaceId, draft);
  const enrollments = await floorEnrollments(world.db, workspaceId, journey.journeyId, journey.journeyVersionId, contactIds);
  const tag = randomUUID();
  return timedRun(async () => {
    await startAll(contactIds, START_CONCURRENCY, (contactId) => start(tag, contactId, enrollments.get(contactId) ?? '', journey));
    await untilClosed(world.client, `WorkflowType = "${workflowType}" AND JourneyId = "${tag}"`, contactIds.length, 3_600_000);
  });
}

const floorOptions = (world: BenchWorld, tag: string) => ({
  taskQueue: world.floorQueue,
  workflowId: `floor-${randomUUID()}`,
  typedSearchAttributes: [{ key: JOURNEY_SEARCH_ATTRIBUTES.journeyId, value: tag }],
});

async function p1(world: BenchWorld): Promise<BenchResult> {
  const { workspaceId, contactIds } = await populate(world.db, P1_RUNS);
  const floors: Timed[] = [];
  const engines: Timed[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    floors.push(
      await floorRound(
        world,
        workspaceId,
        contactIds,
        fiveNodeJourney(),
        (tag, contactId, enrollmentId, journey) =>
          world.client.workflow.start<typeof floorFiveSteps>('floorFiveSteps', {
            ...floorOptions(world, tag),
            args: [{ workspaceId, contactId, enrollmentId, ...journey, email: EMAIL_INPUT, sms: SMS_INPUT, waitMs: WAIT_MS, condition: VIP }],
          }),
        'floorFiveSteps',
      ),
    );
    const journey = await published(world, workspaceId, fiveNodeJourney());
    const plan = withShortWait(journey.plan);
    engines.push(
      await timedRun(async () => {
        await startAll(contactIds, START_CONCURRENCY, (contactId) => startJourneyRun(world.client, world.taskQueue, { workspaceId, contactId, journeyId: journey.journeyId, journeyVersionId: journey.journeyVersionId, version: journey.version, plan }));
        await untilClosed(world.client, `WorkflowType = "journeyRun" AND JourneyId = "${journey.journeyId}"`, contactIds.length, 3_600_000);
      }),
    );
    log(`  P1 round ${round + 1}: floor ${(P1_RUNS / (floors.at(-1)?.seconds ?? 1)).toFixed(1)}/s, engine ${(P1_RUNS / (engines.at(-1)?.seconds ?? 1)).toFixed(1)}/s`);
  }
  const sent = { email: world.smtp.received.length, sms: world.twilio.messages.length };
  const expected = P1_RUNS * ROUNDS * 2;
  if (sent.email !== expected || sent.sms !== expected) throw new Error(`expected ${expected} emails and texts, got ${sent.email} and ${sent.sms}`);
  const floor = best(floors);
  const engine = best(engines);
  return result({
    id: 'P1',
    name: 'five-node journeys/s (email, wait, branch, SMS)',
    size: `${P1_RUNS.toLocaleString('en')} runs, ${world.kind}`,
    unit: 'journeys/s',
    value: P1_RUNS / engine.seconds,
    floor: P1_RUNS / floor.seconds,
    target: { kind: 'min', of: 'ratio', bound: 0.9 },
    details: { engineSeconds: engine.seconds, floorSeconds: floor.seconds, waitMs: WAIT_MS, peakRssMb: engine.peakMb },
  });
}

async function p1b(world: BenchWorld): Promise<BenchResult> {
  const contacts = P1B_CONTACTS[world.kind];
  const { workspaceId, contactIds } = await populate(world.db, contacts);
  const segmentId = await staticSegment(world.db, workspaceId, contactIds);
  const floors: Timed[] = [];
  const engines: Timed[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    floors.push(
      await floorRound(
        world,
        workspaceId,
        contactIds,
        threeNodeJourney(),
        (tag, contactId, enrollmentId, journey) =>
          world.client.workflow.start<typeof floorOneAction>('floorOneAction', {
            ...floorOptions(world, tag),
            args: [{ workspaceId, contactId, enrollmentId, ...journey, actionId: 'contact.set_attribute', action: SET_ATTRIBUTE_INPUT }],
          }),
        'floorOneAction',
      ),
    );
    const journey = await published(world, workspaceId, threeNodeJourney());
    engines.push(
      await timedRun(async () => {
        const started = await startSegmentEnrollment(world.db.prisma, world.client, world.taskQueue, { workspaceId, journeyId: journey.journeyId, segmentId, ratePerSecond: 10_000 });
        if (!started.ok) throw new Error(`bulk enrollment did not start: ${started.reason}`);
        await untilClosed(world.client, `WorkflowType = "journeyRun" AND JourneyId = "${journey.journeyId}"`, contacts, 4 * 3_600_000);
      }),
    );
    const completed = await world.db.prisma.journeyEnrollment.count({ where: { journeyId: journey.journeyId, status: 'completed' } });
    if (completed !== contacts) throw new Error(`expected ${contacts} completed enrollments, found ${completed}`);
    log(`  P1b round ${round + 1}: floor ${(contacts / (floors.at(-1)?.seconds ?? 1)).toFixed(1)}/s, engine ${(contacts / (engines.at(-1)?.seconds ?? 1)).toFixed(1)}/s, peak RSS ${engines.at(-1)?.peakMb ?? 0} MB`);
  }
  const floor = best(floors);
  const engine = best(engines);
  return result({
    id: 'P1b',
    name: 'bulk enrollment, three-node journey, start to completion',
    size: `${contacts.toLocaleString('en')} contacts, ${world.kind}`,
    unit: 'journeys/s',
    value: contacts / engine.seconds,
    floor: contacts / floor.seconds,
    target: { kind: 'min', of: 'ratio', bound: 0.8 },
    details: { engineSeconds: engine.seconds, floorSeconds: floor.seconds, peakRssMb: engine.peakMb, floorPeakRssMb: floor.peakMb },
  });
}

const best = (rounds: readonly Timed[]): Timed => rounds.reduce((a, b) => (b.seconds < a.seconds ? b : a));

async function main(): Promise<void> {
  const available: DatabaseKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  // BENCH_DATABASES=postgres runs only those named.
  const kinds = available.filter((kind) => (process.env.BENCH_DATABASES ?? kind).split(',').includes(kind));
  const only = process.env.BENCH_JOURNEYS;
  const results: BenchResult[] = [];
  for (const kind of kinds) {
    log(`journeys on ${kind}:`);
    const world = await openWorld(kind);
    try {
      if (only !== 'P1b') results.push(await p1(world));
      if (only !== 'P1') results.push(await p1b(world));
    } finally {
      await world.close();
    }
  }
  await writeReport('journeys', results);
  judge(results);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
