import autocannon from 'autocannon';

/** The same autocannon settings for the floor and the engine: only the body differs. */
export interface LoadSettings {
  readonly connections: number;
  readonly seconds: number;
}

export interface LoadOutcome {
  /** Answered 2xx per second. */
  readonly perSecond: number;
  readonly answered: number;
  readonly failed: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly seconds: number;
}

/**
 * POSTs JSON to `url` for `settings.seconds` over `settings.connections` keep-alive connections
 * (one request in flight on each, as an SDK sends), a fresh body per request from `body`.
 * `onAnswer` sees each reply's body (to count what a batch stored).
 */
export async function postLoad(url: string, settings: LoadSettings, headers: Record<string, string>, body: () => unknown, onAnswer?: (status: number, text: string) => void): Promise<LoadOutcome> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: settings.connections,
    duration: settings.seconds,
    pipelining: 1,
    headers: { 'content-type': 'application/json', ...headers },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }),
        ...(onAnswer ? { onResponse: (status: number, text: string) => onAnswer(status, text) } : {}),
      },
    ],
  });
  const answered = result['2xx'];
  return {
    perSecond: answered / result.duration,
    answered,
    failed: result.non2xx + result.errors,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    seconds: result.duration,
  };
}
