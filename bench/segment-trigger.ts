// P4: a contact change through the API (POST /v1/identify changes an attribute) → the contact
// enters a dynamic segment (`segment.entered` in the outbox) → the journey with that segment's
// entry trigger runs its first action (a webhook reaching a server on loopback), with 100
// dynamic segments in the workspace. Floor, in the same run on the same database and Temporal
// server: a NOTIFY heard by a LISTEN client that signal-with-starts a bare workflow, until its
// activity runs. Target: p50 ≤ 2× the floor's (the p99 row is reported, not an issue target).
import { judge, result, writeReport } from './harness/result';
import { benchSize, sized } from './harness/size';
import { stringField } from './latency/api';
import { now } from './latency/clock';
import { publishWebhookJourney } from './latency/journey';
import { outboxTimes } from './latency/outbox-times';
import { printSeries, stageDetails } from './latency/report';
import { startLatencyRig } from './latency/rig';
import { sampleInterleaved } from './latency/sampling';
import { TRIGGER_SEGMENT, workspaceSegments } from './latency/segments';

const SEGMENTS = 100;
const WARMUP = sized({ small: 3, full: 20 });
const SAMPLES = sized({ small: 20, full: 200 });
/** Contacts besides the samples', so segments have members and the tables some size. */
const POPULATION = sized({ small: 200, full: 2_000 });
const BATCH = 500;

async function main(): Promise<void> {
  const rig = await startLatencyRig();
  try {
    const countries = ['GB', 'FR', 'DE', 'US'];
    const people = Array.from({ length: POPULATION }, (_, index) => ({
      type: 'identify',
      externalId: `pop-${index}`,
      attributes: { plan: ['free', 'starter', 'pro', 'enterprise'][index % 4], seats: index % 25, country: countries[index % countries.length], mrr: (index % 40) * 25 },
    }));
    const keys = Array.from({ length: WARMUP + SAMPLES }, (_, index) => `p4-${index}`);
    const samplePeople = keys.map((externalId, index) => ({ type: 'identify', externalId, attributes: { plan: 'free', seats: 5, country: countries[index % countries.length], mrr: 0 } }));
    const everyone = [...people, ...samplePeople];
    for (let start = 0; start < everyone.length; start += BATCH) await rig.api.send('POST', '/v1/batch', { items: everyone.slice(start, start + BATCH) });

    const segmentId = stringField(await rig.api.send('PUT', '/v1/segments', { kind: 'dynamic', ...TRIGGER_SEGMENT }), 'segmentId');
    for (const segment of workspaceSegments(SEGMENTS - 1)) await rig.api.send('PUT', '/v1/segments', { kind: 'dynamic', ...segment });
    const journeyId = await publishWebhookJourney(rig.api, 'Welcome to Pro', { type: 'segment_entered', segmentId }, rig.hitUrl);
    console.log(`P4: ${SAMPLES} samples after ${WARMUP} warm-up, ${SEGMENTS} dynamic segments, ${everyone.length} contacts, ${benchSize()} size; engine and floor alternate`);

    const series = await sampleInterleaved({
      warmup: WARMUP,
      samples: SAMPLES,
      engine: async (index) => {
        const key = `p4-${index}`;
        const sentAt = now();
        const reply = await rig.api.send('POST', '/v1/identify', { externalId: key, attributes: { plan: 'pro' } });
        const acceptedAt = now();
        const contactId = stringField(reply, 'contactId');
        return rig.engineSample({ key, sentAt, acceptedAt, journeyId, contactId, outbox: () => outboxTimes(rig.engine.db, 'segment.entered', { contactId, segmentId }) });
      },
      floor: (index) => rig.floorSample(`p4f-${index}`, (floor, key) => floor.notify(key)),
      progress: (done) => {
        if (done % 50 === 0) console.log(`  ${done} / ${SAMPLES}`);
      },
    });
    printSeries('engine: identify → segment.entered → webhook', series.engine);
    console.log(`    (the run's activities before its action: ${rig.lastRunActivities().join(', ')}, then the action)`);
    printSeries('floor: NOTIFY → signal-with-start → activity', series.floor);
    const size = `${SAMPLES} samples, ${SEGMENTS} dynamic segments, ${rig.engine.databaseKind}`;
    const details = { ...stageDetails('engine', series.engine), ...stageDetails('floor', series.floor), engineP90: series.engine.latency.p90, floorP90: series.floor.latency.p90 };
    const results = [
      result({ id: 'P4', name: 'contact change → segment-triggered first action, p50', size, unit: 'ms', value: series.engine.latency.p50, floor: series.floor.latency.p50, target: { kind: 'max', of: 'ratio', bound: 2 }, details }),
      result({
        id: 'P4',
        name: 'contact change → segment-triggered first action, p99 (not an issue target)',
        size,
        unit: 'ms',
        value: series.engine.latency.p99,
        floor: series.floor.latency.p99,
        target: { kind: 'max', of: 'ratio', bound: 2 },
        details: { engineMax: series.engine.latency.max, floorMax: series.floor.latency.max },
      }),
    ];
    for (const row of results) console.log(`${row.id} ${row.name}: ${row.value.toFixed(1)} ms vs floor ${row.floor.toFixed(1)} ms = ${row.ratio.toFixed(2)}× (target ≤ ${row.target.bound}×): ${row.pass ? 'met' : 'missed'}`);
    await writeReport('segment-trigger', results);
    judge(results);
  } finally {
    await rig.stop();
  }
}

main().then(
  // The Temporal runtime's native threads would keep the process alive after everything stopped.
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
