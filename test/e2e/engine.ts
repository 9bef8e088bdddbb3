import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../support/ports';

/** The repository root: the nearest folder with a package.json (this file also runs compiled, from dist/ for bench/). */
export const ROOT = repositoryRoot(__dirname);

function repositoryRoot(from: string): string {
  let folder = from;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${from}`);
    folder = parent;
  }
  return folder;
}
/** The compiled `npm start` entry; `npm run build` (run by `npm test`) makes it. */
export const MAIN = join(ROOT, 'dist', 'engine', 'main.js');

/**
 * What global setup hands to the tests, through environment variables (Playwright's workers
 * inherit the runner's environment as global setup left it).
 */
export interface EngineInfo {
  /** http://127.0.0.1:<port> — the API and the builder UI. */
  baseUrl: string;
  /** The one-time owner link the engine printed on its first start. */
  setupUrl: string;
  /** The run's temporary folder: DATA_DIR, engine.log, owner.json. */
  stateDir: string;
}

const ENV = { baseUrl: 'E2E_BASE_URL', setupUrl: 'E2E_SETUP_URL', stateDir: 'E2E_STATE_DIR' } as const;

export function publishEngineInfo(info: EngineInfo): void {
  process.env[ENV.baseUrl] = info.baseUrl;
  process.env[ENV.setupUrl] = info.setupUrl;
  process.env[ENV.stateDir] = info.stateDir;
}

export function engineInfo(): EngineInfo {
  const baseUrl = process.env[ENV.baseUrl];
  const setupUrl = process.env[ENV.setupUrl];
  const stateDir = process.env[ENV.stateDir];
  if (!baseUrl || !setupUrl || !stateDir) {
    throw new Error('No engine for the browser tests: run them with `npm run test:e2e` (playwright test -c test/e2e/playwright.config.ts), whose global setup starts one.');
  }
  return { baseUrl, setupUrl, stateDir };
}

export interface RunningEngine extends EngineInfo {
  pid: number;
  logFile: string;
  /** SIGTERM, then SIGKILL to the whole process group (the engine and its Temporal dev server). */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 20_000;
const SETUP_LINE = /^Create the owner account: (\S+)$/m;

/**
 * Starts the built engine as `npm start` runs it, on a fresh temporary DATA_DIR (PGlite and the
 * Temporal dev server's SQLite file), with free ports for the API and the dev server, and
 * waits for its setup link and a healthy GET /health.
 *
 * The engine is the leader of its own process group (detached), so one signal to the group
 * also reaches the Temporal dev server it spawns, even if the engine itself dies abruptly.
 */
export async function startEngine(): Promise<RunningEngine> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does).`);
  const stateDir = await mkdtemp(join(tmpdir(), 'je-e2e-'));
  const logFile = join(stateDir, 'engine.log');
  const [port, temporalPort, temporalUiPort] = [await freePort(), await freePort(), await freePort()];
  // A minimal environment rather than the caller's: no DATABASE_URL (CI sets one for jest),
  // TEMPORAL_ADDRESS, SMTP_URL, OWNER_EMAIL/OWNER_PASSWORD… can leak into this engine.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    LOG_LEVEL: 'info',
    DATA_DIR: join(stateDir, 'data'),
    HOST: '127.0.0.1',
    PORT: String(port),
    TEMPORAL_DEV_SERVER_PORT: String(temporalPort),
    TEMPORAL_DEV_UI_PORT: String(temporalUiPort),
    // Only the CLI from .tools/ (or PATH): never the SDK's download, which needs the internet.
    TEMPORAL_ALLOW_DOWNLOAD: 'false',
    ...(process.env.TEMPORAL_CLI_PATH && { TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH }),
  };
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${MAIN}`);

  const log = createWriteStream(logFile);
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    log.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  // Whatever happens to the runner after this point, the group does not outlive it: on exit
  // (normal, Ctrl-C, an uncaught error) here, and through the watchdog if it is SIGKILLed.
  const killGroup = (): void => signalGroup(pid, 'SIGKILL');
  process.once('exit', killGroup);
  const watchdog = startWatchdog(process.pid, pid, stateDir);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killGroup);
    watchdog.kill('SIGKILL');
    if (isRunning(child)) {
      // The engine stops its worker, HTTP server, database and dev server on SIGTERM.
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(STOP_GRACE_MS)]);
    }
    // Anything left in the group (a hung engine, an orphaned dev server) goes now.
    signalGroup(pid, 'SIGKILL');
    await Promise.race([exited, sleep(STOP_GRACE_MS)]);
    await new Promise<void>((done) => log.end(() => done()));
  };

  try {
    const setupUrl = await waitFor(() => SETUP_LINE.exec(output)?.[1], child, () => output, 'the setup link');
    const baseUrl = new URL(setupUrl).origin;
    await waitFor(async () => ((await healthStatus(`${baseUrl}/health`)) === 200 ? true : undefined), child, () => output, 'GET /health = 200');
    return { baseUrl, setupUrl, stateDir, pid, logFile, stop };
  } catch (error) {
    await stop();
    await rm(stateDir, { recursive: true, force: true }); // the error carries the engine's output
    throw error;
  }
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, child: ChildProcess, output: () => string, what: string): Promise<T> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!isRunning(child)) throw new Error(`the engine exited (${child.signalCode ?? `code ${child.exitCode}`}) before ${what}:\n${output()}`);
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(200);
  }
  throw new Error(`no ${what} from the engine within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

async function healthStatus(url: string): Promise<number | undefined> {
  try {
    return (await fetch(url)).status;
  } catch {
    return undefined; // not listening yet
  }
}

/**
 * A separate tiny process that kills the engine's group (and removes the run's folder) once the
 * runner is gone, for the one case no handler in the runner covers: the runner killed with
 * SIGKILL (an OOM kill, a CI job timeout). It lives in the runner's process group, so Ctrl-C
 * ends it along with the runner, whose own handlers then stop the engine.
 */
function startWatchdog(runnerPid: number, enginePid: number, stateDir: string): ChildProcess {
  const code = `
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const timer = setInterval(() => {
      if (alive(${runnerPid})) return;
      clearInterval(timer);
      try { process.kill(-${enginePid}, 'SIGKILL'); } catch {}
      setTimeout(() => require('node:fs').rm(${JSON.stringify(stateDir)}, { recursive: true, force: true }, () => process.exit(0)), 2000);
    }, 1000);`;
  const watchdog = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  watchdog.unref();
  return watchdog;
}

const isRunning = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}
