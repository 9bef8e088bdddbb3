import type { Comparison, Criteria } from './language';

// Pure and deterministic: tests the thing in hand (an event's properties, an action's
// settings) without a database, in the interpreter workflow's sandbox, the dispatcher and the
// browser. Contacts are tested in SQL (engine/crm/segments/compile.ts); every comparison here
// gives the SQL's answer for the same JSON value, which test/engine/journey/conditions holds
// it to, so a filter means the same wherever it runs.

export interface InHand {
  /** The event's properties, or the action's settings. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The clock for relative dates ("within the last 7 days"): workflow time in the sandbox. */
  readonly now: Date;
}

/**
 * Whether the properties satisfy the condition. Only `property` conditions read them: any
 * other condition (a contact's data) is "no" here, and validation keeps those out of filters.
 */
export function matchesInHand(criteria: Criteria, inHand: InHand): boolean {
  if ('all' in criteria) return criteria.all.every((child) => matchesInHand(child, inHand));
  if ('any' in criteria) return criteria.any.some((child) => matchesInHand(child, inHand));
  if ('not' in criteria) return !matchesInHand(criteria.not, inHand);
  if (criteria.type !== 'property') return false;
  return compareJson(lookup(inHand.properties, criteria.property), criteria, inHand.now);
}

/** Dotted path lookup, as Postgres's `#>`: keys of objects, positions of arrays. */
export function lookup(properties: Readonly<Record<string, unknown>>, path: string): unknown {
  let current: unknown = properties;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = Array.isArray(current) ? (/^\d+$/.test(segment) ? current[Number(segment)] : undefined) : Reflect.get(current, segment);
  }
  return current;
}

const DAY_MS = 86_400_000;

/** One comparison of a JSON value, with the SQL's reading of each operator (compile.ts `compare` over `jsonOperand`). */
export function compareJson(value: unknown, comparison: Comparison, now: Date): boolean {
  const present = value !== undefined && value !== null;
  const text = present ? textOf(value) : undefined;
  const number = numberOf(value);
  const { operator, value: expected } = comparison;
  switch (operator) {
    case 'exists':
      return present;
    case 'not_exists':
      return !present;
    case 'equals':
      return equals(value, text, number, expected);
    case 'not_equals':
      return !equals(value, text, number, expected);
    case 'gt':
      return number !== undefined && typeof expected === 'number' && number > expected;
    case 'gte':
      return number !== undefined && typeof expected === 'number' && number >= expected;
    case 'lt':
      return number !== undefined && typeof expected === 'number' && number < expected;
    case 'lte':
      return number !== undefined && typeof expected === 'number' && number <= expected;
    case 'between':
      return number !== undefined && comparison.from !== undefined && comparison.to !== undefined && number >= comparison.from && number <= comparison.to;
    case 'contains':
      return contains(text, expected);
    case 'not_contains':
      return !contains(text, expected);
    case 'starts_with':
      return text !== undefined && expected !== undefined && text.toLowerCase().startsWith(String(expected).toLowerCase());
    case 'in':
      return member(text, number, comparison.values);
    case 'not_in':
      return !member(text, number, comparison.values);
    case 'before':
    case 'after': {
      const date = dateOf(value);
      const bound = comparison.date === undefined ? undefined : instant(comparison.date);
      if (date === undefined || bound === undefined) return false;
      return operator === 'before' ? date < bound : date > bound;
    }
    case 'within_last_days':
    case 'more_than_days_ago':
    case 'within_next_days': {
      const date = dateOf(value);
      if (date === undefined || comparison.days === undefined) return false;
      const at = now.getTime();
      const span = comparison.days * DAY_MS;
      if (operator === 'within_last_days') return date >= at - span && date <= at;
      if (operator === 'more_than_days_ago') return date < at - span;
      return date >= at && date <= at + span;
    }
  }
}

function equals(value: unknown, text: string | undefined, number: number | undefined, expected: Comparison['value']): boolean {
  if (typeof expected === 'number') return number === expected;
  if (typeof expected === 'boolean') return typeof value === 'boolean' && value === expected;
  return text !== undefined && text === expected;
}

function contains(text: string | undefined, expected: Comparison['value']): boolean {
  return text !== undefined && expected !== undefined && text.toLowerCase().includes(String(expected).toLowerCase());
}

/** All-number lists compare numerically; any other list compares as text. */
function member(text: string | undefined, number: number | undefined, values: Comparison['values']): boolean {
  if (!values) return false;
  if (values.every((entry) => typeof entry === 'number')) return number !== undefined && values.includes(number);
  return text !== undefined && values.map(String).includes(text);
}

/** The value as Postgres's `#>> '{}'` prints it. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return jsonbText(value);
}

/** jsonb's own text form: a space after each `,` and `:`, keys ordered shortest first. */
function jsonbText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((key) => `${JSON.stringify(key)}: ${jsonbText(Reflect.get(value, key))}`).join(', ')}}`;
  }
  return JSON.stringify(value ?? null);
}

const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i;

/** A number, or text Postgres reads as one (`crm_try_numeric`). */
function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' && NUMERIC.test(value) ? Number(value) : undefined;
}

const ISO = /^\s*\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?\s*$/i;

/** A string holding an ISO date (`crm_try_timestamptz`; the server's zone is UTC). */
function dateOf(value: unknown): number | undefined {
  return typeof value === 'string' ? instant(value) : undefined;
}

function instant(text: string): number | undefined {
  const match = ISO.exec(text);
  if (!match) return undefined;
  const trimmed = text.trim().replace(' ', 'T');
  const zone = match[4];
  // A date or time without a zone is UTC, as the database session reads it (Date.parse would use the machine's zone for times).
  const zoned = zone === undefined ? (match[1] ? `${trimmed}Z` : trimmed) : `${trimmed.slice(0, -zone.length)}${normaliseZone(zone)}`;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? undefined : time;
}

/** `+01`, `+0100` and `+01:00` as `+01:00`, the form every JavaScript runtime parses. */
function normaliseZone(zone: string): string {
  if (zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0] ?? '+'}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}
