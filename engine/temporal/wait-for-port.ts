import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export async function isPortOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(500, () => done(false));
  });
}

/** Polls until something listens on host:port, the child died, or the deadline passes. */
export async function waitForPort(
  host: string,
  port: number,
  options: { timeoutMs: number; abortIf: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const abort = options.abortIf();
    if (abort !== undefined) throw new Error(abort);
    if (await isPortOpen(host, port)) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on ${host}:${port} within ${options.timeoutMs} ms`);
    await sleep(100);
  }
}
