import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../../engine/paths';

/** The compiled `npm start` entry; `npm test` builds it before jest runs. */
export const MAIN = join(projectRoot(), 'dist', 'engine', 'main.js');

export interface EngineProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnEngine(env: Record<string, string>): EngineProcess {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does) first`);
  const child = spawn(process.execPath, [MAIN], {
    cwd: projectRoot(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => text, exited };
}

/** Polls GET url until it answers 200 or the process dies. */
export async function waitForHealthy(url: string, engine: EngineProcess, timeoutMs = 90_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (engine.child.exitCode !== null) throw new Error(`engine exited early:\n${engine.output()}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return await response.json();
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`engine not healthy within ${timeoutMs} ms:\n${engine.output()}`);
}
