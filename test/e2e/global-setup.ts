import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { publishEngineInfo, ROOT, startEngine } from './engine';

/**
 * One engine for the whole run: started here, stopped by the function returned (Playwright's
 * global teardown, which runs when tests fail too). Its log is kept in test-results/.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = Date.now();
  const engine = await startEngine();
  publishEngineInfo(engine);
  process.stdout.write(`e2e: engine pid ${engine.pid} up at ${engine.baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s (state in ${engine.stateDir})\n`);
  return async () => {
    await engine.stop();
    const kept = join(ROOT, 'test', 'e2e', 'test-results', 'engine.log');
    await mkdir(join(kept, '..'), { recursive: true });
    await copyFile(engine.logFile, kept);
    await rm(engine.stateDir, { recursive: true, force: true });
  };
}
