import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { isReady, type Fixture, type ServerRequest } from './protocol';

export interface RunningServer {
  readonly url: string;
  readonly fixture: Fixture | null;
  stop(): Promise<void>;
}

/** Starts bench/ingest/server.js with `request` and resolves once it listens. */
export async function startServer(request: ServerRequest): Promise<RunningServer> {
  // BENCH_PROFILE=<folder> writes a CPU profile of each server there (see bench/README.md).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = fork(join(__dirname, 'server.js'), [JSON.stringify(request)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [...process.execArgv, ...profile] });
  const ready = await new Promise<{ port: number; fixture: Fixture | null }>((resolve, reject) => {
    child.once('message', (message: unknown) => (isReady(message) ? resolve(message) : reject(new Error(`unexpected message from the server: ${JSON.stringify(message)}`))));
    child.once('exit', (code) => reject(new Error(`the ${request.mode} server exited with ${String(code)} before it was ready`)));
  });
  return { url: `http://127.0.0.1:${ready.port}`, fixture: ready.fixture, stop: () => stopped(child) };
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
