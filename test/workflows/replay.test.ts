import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleWorkflows } from '../support/temporal';
import { HISTORIES_DIR } from './journey/harness';

// Histories recorded from real runs (RECORD_HISTORIES=1, see journey/harness.ts) replay
// against today's interpreter. A change that would make running journeys non-deterministic
// (a new activity, a reordered timer, a branch evaluated differently) fails here, in CI,
// instead of on the production workers. Such changes go behind `patched()`.
const files = readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json')).sort();

describe('replay of recorded journey histories', () => {
  let bundle: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    bundle = await bundleWorkflows();
  });

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s replays deterministically', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
    await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history, file.replace(/\.json$/, ''))).resolves.toBeUndefined();
  });
});
