/** The engine's HTTP API as a client sees it: JSON in, JSON out, refusals thrown with their body. */
export class EngineApi {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async send(method: 'POST' | 'PUT', path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  }
}

/** A string field of a JSON reply, or an error naming what the reply was. */
export function stringField(reply: unknown, field: string): string {
  const value: unknown = typeof reply === 'object' && reply !== null ? Reflect.get(reply, field) : undefined;
  if (typeof value !== 'string') throw new Error(`the reply has no string "${field}": ${JSON.stringify(reply)}`);
  return value;
}
