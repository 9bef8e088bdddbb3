import { IngestError } from './errors';

/** A sender's clock may run ahead a little; a day ahead is a bug, and would fire date rules early. */
const MAX_FUTURE_MS = 24 * 3_600_000;

/** Free-form JSON (event properties, custom attributes) is kept small: it is read by segments on every change. */
export const MAX_JSON_BYTES = 32 * 1_024;

/** An ISO timestamp the sender gave, refused when it is more than 24 hours ahead of `now`. */
export function checkedTime(value: string | undefined, now: Date, field: string): Date {
  if (value === undefined) return now;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new IngestError('invalid', field, `is not an ISO date-time: "${value}"`);
  if (time.getTime() - now.getTime() > MAX_FUTURE_MS) throw new IngestError('invalid', field, `is more than 24 hours in the future (${value})`);
  return time;
}

export function checkedJsonSize(value: unknown, field: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  if (bytes > MAX_JSON_BYTES) throw new IngestError('invalid', field, `is ${bytes} bytes of JSON; at most ${MAX_JSON_BYTES} are accepted`);
}
