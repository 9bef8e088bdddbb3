import { Prisma } from '../../../prisma/generated/client';

// Time in the scores is counted in days, in SQL, from the context's `now` (a bind parameter).
//
// "Days since" an instant is the whole number of days elapsed, rounded down: an order placed
// 30 days and 23 hours ago is 30 days old. "Within the last N days" means at most N whole days
// old, i.e. placed after now − (N + 1) days; that cut-off is computed here, in TypeScript, and
// sent as a timestamp so range filters stay index-friendly (`placed_at > $cutoff`) and no
// session time zone or DST rule can stretch a day.

const { sql } = Prisma;

export const DAY_MS = 86_400_000;

/** Whole days from `instant` (a timestamptz expression) to `now`, rounded down, as int. */
export function wholeDaysSince(now: Date, instant: Prisma.Sql): Prisma.Sql {
  return sql`floor((extract(epoch from ${now}::timestamptz) - extract(epoch from ${instant})) / 86400)::int`;
}

/** Exact days from `instant` to `now`, with the fraction, as float8 (decay needs the fraction). */
export function exactDaysSince(now: Date, instant: Prisma.Sql): Prisma.Sql {
  return sql`((extract(epoch from ${now}::timestamptz) - extract(epoch from ${instant})) / 86400)::float8`;
}

/** Exact days between two timestamptz expressions, as float8. */
export function exactDaysBetween(later: Prisma.Sql, earlier: Prisma.Sql): Prisma.Sql {
  return sql`((extract(epoch from ${later}) - extract(epoch from ${earlier})) / 86400)::float8`;
}

/** Instants strictly after this are at most `days` whole days old at `now`. */
export function withinDaysCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - (days + 1) * DAY_MS);
}

/** `days` × 24 hours before now: the start of a period of exactly that length ending at now. */
export function exactlyDaysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
