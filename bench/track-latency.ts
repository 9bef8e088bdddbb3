// P2: an event accepted by POST /v1/track → the first action of the journey it triggers
// executed (a webhook reaching a server on loopback), against a floor measured in the same
// run on the same Temporal server: a bare signal-with-start → activity round trip. Targets:
// p50 ≤ 1.5× and p99 ≤ 2× the floor's.
import { judge, result, writeReport } from './harness/result';
import { benchSize, sized } from './harness/size';
import { stringField } from './latency/api';
import { now } from './latency/clock';
import { publishWebhookJourney } from './latency/journey';
import { outboxTimes } from './latency/outbox-times';
import { printSeries, stageDetails } from './latency/report';
import { startLatencyRig } from './latency/rig';
import { sampleInterleaved } from './latency/sampling';

const EVENT = 'Latency Probe';
const WARMUP = sized({ small: 3, full: 20 });
const SAMPLES = sized({ small: 20, full: 300 });

async function main(): Promise<void> {
  const rig = await startLatencyRig();
  try {
    const journeyId = await publishWebhookJourney(rig.api, 'Latency probe', { type: 'event', event: EVENT }, rig.hitUrl);
    // The contacts exist before their event, as a shop's customers do.
    const keys = Array.from({ length: WARMUP + SAMPLES }, (_, index) => `p2-${index}`);
    for (let start = 0; start < keys.length; start += 500) {
      await rig.api.send('POST', '/v1/batch', { items: keys.slice(start, start + 500).map((externalId) => ({ type: 'identify', externalId, attributes: { plan: 'free' } })) });
    }
    console.log(`P2: ${SAMPLES} samples after ${WARMUP} warm-up, ${benchSize()} size; engine and floor alternate`);
    const series = await sampleInterleaved({
      warmup: WARMUP,
      samples: SAMPLES,
      engine: async (index) => {
        const key = `p2-${index}`;
        const sentAt = now();
        const reply = await rig.api.send('POST', '/v1/track', { externalId: key, name: EVENT, messageId: key, properties: { sample: index } });
        const acceptedAt = now();
        return rig.engineSample({ key, sentAt, acceptedAt, journeyId, contactId: stringField(reply, 'contactId'), outbox: () => outboxTimes(rig.engine.db, 'event.tracked', { messageId: key }) });
      },
      floor: (index) => rig.floorSample(`p2f-${index}`, (floor, key) => floor.signalWithStart(key)),
      progress: (done) => {
        if (done % 50 === 0) console.log(`  ${done} / ${SAMPLES}`);
      },
    });
    printSeries('engine: track → webhook', series.engine);
    console.log(`    (the run's activities before its action: ${rig.lastRunActivities().join(', ')}, then the action)`);
    printSeries('floor: signal-with-start → activity', series.floor);
    const size = `${SAMPLES} samples, ${rig.engine.databaseKind}, one journey`;
    const details = { ...stageDetails('engine', series.engine), ...stageDetails('floor', series.floor), engineP90: series.engine.latency.p90, floorP90: series.floor.latency.p90 };
    const results = [
      result({ id: 'P2', name: 'track → first action, p50', size, unit: 'ms', value: series.engine.latency.p50, floor: series.floor.latency.p50, target: { kind: 'max', of: 'ratio', bound: 1.5 }, details }),
      result({ id: 'P2', name: 'track → first action, p99', size, unit: 'ms', value: series.engine.latency.p99, floor: series.floor.latency.p99, target: { kind: 'max', of: 'ratio', bound: 2 }, details: { engineMax: series.engine.latency.max, floorMax: series.floor.latency.max } }),
    ];
    for (const row of results) console.log(`${row.id} ${row.name}: ${row.value.toFixed(1)} ms vs floor ${row.floor.toFixed(1)} ms = ${row.ratio.toFixed(2)}× (target ≤ ${row.target.bound}×): ${row.pass ? 'met' : 'missed'}`);
    await writeReport('track-latency', results);
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
