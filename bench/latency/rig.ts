import { journeyWorkflowId } from '../../workflows/journey/ids';
import { EngineApi } from './api';
import { Arrivals, listenForArrivals } from './arrivals';
import { now } from './clock';
import { startEngineUnderTest, type EngineUnderTest } from './engine-under-test';
import { startFloor, type Floor } from './floor/floor';
import type { OutboxTimes } from './outbox-times';
import { watchOutboxNotifications } from './outbox-times';
import type { Sample } from './sampling';
import { runTimeline } from './timeline';

/** The activity that runs a journey's action: the first action enters the contact too. */
const ACTION_ACTIVITIES = ['enterAndRunAction', 'runAction'];

/** How long one sample may take before the benchmark gives up on it. */
const SAMPLE_TIMEOUT_MS = 60_000;

export interface LatencyRig {
  readonly engine: EngineUnderTest;
  readonly api: EngineApi;
  readonly hitUrl: string;
  /** Waits for the engine's run of `key` (the contact's external id) to call the webhook and finish; its sample. */
  engineSample(input: { key: string; sentAt: number; acceptedAt: number; journeyId: string; contactId: string; outbox: () => Promise<OutboxTimes> }): Promise<Sample>;
  /** The activities the last engine run started before its action, in order (for the printout). */
  lastRunActivities(): readonly string[];
  /** One floor round trip: `send` starts it (signal-with-start, or the NOTIFY that causes one). */
  floorSample(key: string, send: (floor: Floor, key: string) => Promise<void>): Promise<Sample>;
  stop(): Promise<void>;
}

/**
 * Everything a latency benchmark needs, on one engine: the arrival server its journeys'
 * webhooks call, the engine itself, the floors on the engine's Temporal server and database,
 * and a listener that hears the outbox's NOTIFY, for the breakdown of each sample.
 */
export async function startLatencyRig(): Promise<LatencyRig> {
  const arrivals = new Arrivals();
  const server = await listenForArrivals(arrivals);
  const engine = await startEngineUnderTest(['127.0.0.1/32']);
  const { client, address, namespace } = engine.temporal;
  const floor = await startFloor(address, namespace, client, engine.db, arrivals);
  const notifications = await watchOutboxNotifications(engine.db);
  let lastRunActivities: readonly string[] = [];
  return {
    engine,
    api: new EngineApi(engine.url, engine.apiKey),
    hitUrl: server.hitUrl,
    engineSample: async ({ key, sentAt, acceptedAt, journeyId, contactId, outbox }) => {
      const arrivedAt = await arrivals.waitFor(key, SAMPLE_TIMEOUT_MS);
      const workflowId = journeyWorkflowId(journeyId, contactId);
      // The run's bookkeeping after the action finishes before the next sample begins.
      await client.workflow.getHandle(workflowId).result();
      const [run, entry] = await Promise.all([runTimeline(client, workflowId, ACTION_ACTIVITIES), outbox()]);
      const notifiedAt = notifications.firstAfter(sentAt);
      lastRunActivities = run.activitiesBefore;
      return {
        latency: arrivedAt - sentAt,
        stages: {
          'API call (ingest, commit)': acceptedAt - sentAt,
          'sent → NOTIFY heard': notifiedAt - sentAt,
          'NOTIFY → dispatcher claims the entry': entry.dispatchedAt - notifiedAt,
          'claim → run started (dispatch, signal-with-start)': run.started - entry.dispatchedAt,
          'run started → first workflow task': run.firstTaskStarted - run.started,
          'first workflow task → action activity started': run.activityStarted - run.firstTaskStarted,
          '  of which inside regular (not local) activities before it': run.activityWorkBefore,
          'action activity → webhook arrives': arrivedAt - run.activityStarted,
          'activities before the action': run.activitiesBefore.length,
          'workflow tasks before the action': run.workflowTasksBefore,
        },
      };
    },
    lastRunActivities: () => lastRunActivities,
    floorSample: async (key, send) => {
      const sentAt = now();
      await send(floor, key);
      const calledAt = now();
      const arrivedAt = await arrivals.waitFor(key, SAMPLE_TIMEOUT_MS);
      await floor.finished(key);
      const run = await runTimeline(client, floor.workflowIdOf(key), ['recordArrival']);
      return {
        latency: arrivedAt - sentAt,
        stages: {
          'call returned': calledAt - sentAt,
          'sent → run started': run.started - sentAt,
          'run started → first workflow task': run.firstTaskStarted - run.started,
          'first workflow task → activity started': run.activityStarted - run.firstTaskStarted,
          'activity started → recorded': arrivedAt - run.activityStarted,
        },
      };
    },
    stop: async () => {
      await notifications.stop();
      await floor.stop();
      await engine.stop();
      await server.close();
    },
  };
}
