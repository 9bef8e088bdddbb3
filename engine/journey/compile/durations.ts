import type { Duration, DurationUnit } from '../schema';

const UNIT_MS: Record<DurationUnit, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 };
const LARGEST_FIRST: DurationUnit[] = ['weeks', 'days', 'hours', 'minutes'];

/** Longest wait, timeout or cooldown a journey may hold: two years. */
export const MAX_DURATION_MS = 730 * UNIT_MS.days;

export const toMilliseconds = (duration: Duration): number => duration.amount * UNIT_MS[duration.unit];

/** The inverse, in the largest unit that divides evenly (48 hours → 2 days). */
export function fromMilliseconds(ms: number): Duration {
  for (const unit of LARGEST_FIRST) {
    if (ms % UNIT_MS[unit] === 0) return { amount: ms / UNIT_MS[unit], unit };
  }
  return { amount: Math.max(1, Math.round(ms / UNIT_MS.minutes)), unit: 'minutes' };
}
