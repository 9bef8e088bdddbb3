// Sets of values one field can take, for reasoning about branch conditions: numbers as unions
// of intervals, strings as finite or co-finite sets, each with a flag for "no value".

export interface Interval {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
}

export type FieldSet =
  | { type: 'number'; intervals: Interval[]; missing: boolean }
  | { type: 'string'; include: boolean; values: ReadonlySet<string>; missing: boolean };

const EVERY_NUMBER: Interval = { lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true };

export const numbers = (intervals: Interval[], missing = false): FieldSet => ({ type: 'number', intervals: normalise(intervals), missing });
export const strings = (include: boolean, values: Iterable<string>, missing = false): FieldSet => ({ type: 'string', include, values: new Set(values), missing });
export const point = (value: number): Interval => ({ lo: value, hi: value, loOpen: false, hiOpen: false });

export function isEmpty(set: FieldSet): boolean {
  if (set.missing) return false;
  return set.type === 'number' ? set.intervals.length === 0 : set.include && set.values.size === 0;
}

/** Undefined when the two sets are of different types (nothing can be said). */
export function intersect(a: FieldSet, b: FieldSet): FieldSet | undefined {
  if (a.type === 'number' && b.type === 'number') {
    const out: Interval[] = [];
    for (const x of a.intervals) for (const y of b.intervals) {
      const overlap = intersectIntervals(x, y);
      if (overlap) out.push(overlap);
    }
    return numbers(out, a.missing && b.missing);
  }
  if (a.type === 'string' && b.type === 'string') {
    const missing = a.missing && b.missing;
    if (a.include && b.include) return strings(true, [...a.values].filter((v) => b.values.has(v)), missing);
    if (a.include) return strings(true, [...a.values].filter((v) => !b.values.has(v)), missing);
    if (b.include) return strings(true, [...b.values].filter((v) => !a.values.has(v)), missing);
    return strings(false, [...a.values, ...b.values], missing);
  }
  return undefined;
}

export function complement(set: FieldSet): FieldSet {
  if (set.type === 'string') return strings(!set.include, set.values, !set.missing);
  const out: Interval[] = [];
  let cursor: Interval = { ...EVERY_NUMBER };
  for (const interval of set.intervals) {
    const before: Interval = { lo: cursor.lo, loOpen: cursor.loOpen, hi: interval.lo, hiOpen: !interval.loOpen };
    if (!emptyInterval(before)) out.push(before);
    cursor = { lo: interval.hi, loOpen: !interval.hiOpen, hi: Infinity, hiOpen: true };
  }
  if (!emptyInterval(cursor)) out.push(cursor);
  return numbers(out, !set.missing);
}

export function union(a: FieldSet, b: FieldSet): FieldSet | undefined {
  const both = intersect(complement(a), complement(b));
  return both && complement(both);
}

/**
 * The whole numbers of a number set, as intervals `[lo, hi)` with whole bounds: closed under
 * intersect, complement and union, and any non-empty one holds a whole number (its `lo`), so
 * an overlap found on a whole-number field (an integer column, a random bucket) is real.
 */
export function wholeNumbers(set: FieldSet): FieldSet {
  if (set.type === 'string') return set;
  return numbers(set.intervals.flatMap(wholeInterval), set.missing);
}

function wholeInterval(interval: Interval): Interval[] {
  const { lo, hi } = interval;
  const first = Number.isFinite(lo) ? (interval.loOpen && Number.isInteger(lo) ? lo + 1 : Math.ceil(lo)) : lo;
  const last = Number.isFinite(hi) ? (interval.hiOpen && Number.isInteger(hi) ? hi - 1 : Math.floor(hi)) : hi;
  if (first > last) return [];
  return [{ lo: first, loOpen: !Number.isFinite(first), hi: Number.isFinite(last) ? last + 1 : last, hiOpen: true }];
}

/** a ⊆ b; undefined when the types differ. */
export function isSubset(a: FieldSet, b: FieldSet): boolean | undefined {
  const outside = intersect(a, complement(b));
  return outside && isEmpty(outside);
}

function intersectIntervals(x: Interval, y: Interval): Interval | undefined {
  const lo = Math.max(x.lo, y.lo);
  const hi = Math.min(x.hi, y.hi);
  const loOpen = (x.lo === lo && x.loOpen) || (y.lo === lo && y.loOpen);
  const hiOpen = (x.hi === hi && x.hiOpen) || (y.hi === hi && y.hiOpen);
  const interval = { lo, hi, loOpen, hiOpen };
  return emptyInterval(interval) ? undefined : interval;
}

function emptyInterval(interval: Interval): boolean {
  return interval.lo > interval.hi || (interval.lo === interval.hi && (interval.loOpen || interval.hiOpen || !Number.isFinite(interval.lo)));
}

/** Sorted and merged, so complement can walk them in order. */
function normalise(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter((interval) => !emptyInterval(interval)).sort((a, b) => a.lo - b.lo || Number(a.loOpen) - Number(b.loOpen));
  const out: Interval[] = [];
  for (const interval of sorted) {
    const last = out[out.length - 1];
    const touches = last && (interval.lo < last.hi || (interval.lo === last.hi && !(interval.loOpen && last.hiOpen)));
    if (last && touches) {
      if (interval.hi > last.hi || (interval.hi === last.hi && !interval.hiOpen)) {
        last.hi = interval.hi;
        last.hiOpen = interval.hiOpen;
      }
    } else {
      out.push({ ...interval });
    }
  }
  return out;
}
