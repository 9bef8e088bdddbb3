import { createServer, type Server } from 'node:http';
import { now } from './clock';

/**
 * Where a sample ends: the time its action ran, by sample key. The engine's webhook action
 * reaches it over HTTP on loopback (`/hit/<key>`), the floor's activity calls `record` directly.
 */
export class Arrivals {
  readonly #times = new Map<string, number>();
  readonly #waiting = new Map<string, (at: number) => void>();

  record(key: string): void {
    if (this.#times.has(key)) return; // a retried delivery: the first arrival counts
    const at = now();
    this.#times.set(key, at);
    this.#waiting.get(key)?.(at);
    this.#waiting.delete(key);
  }

  /** The arrival time of `key`, once it arrives. */
  async waitFor(key: string, timeoutMs: number): Promise<number> {
    const known = this.#times.get(key);
    if (known !== undefined) return known;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(key);
        reject(new Error(`nothing arrived for ${key} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiting.set(key, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }
}

export interface ArrivalServer {
  /** http://127.0.0.1:<port>/hit/ — append the sample key. */
  readonly hitUrl: string;
  close(): Promise<void>;
}

/** An HTTP endpoint on loopback that records each request's arrival before reading its body. */
export async function listenForArrivals(arrivals: Arrivals): Promise<ArrivalServer> {
  const server: Server = createServer((request, response) => {
    const match = /^\/hit\/([^/?]+)/.exec(request.url ?? '');
    if (match?.[1]) arrivals.record(decodeURIComponent(match[1]));
    request.resume();
    request.on('end', () => response.writeHead(match ? 200 : 404, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the arrival server has no port');
  return {
    hitUrl: `http://127.0.0.1:${address.port}/hit/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
