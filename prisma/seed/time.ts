const DAY_MS = 86_400_000;

export const daysBefore = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);
export const daysBetween = (earlier: Date, later: Date): number => Math.floor((later.getTime() - earlier.getTime()) / DAY_MS);
export const addMonths = (date: Date, months: number): Date => {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
};
export const latest = (dates: readonly Date[], fallback: Date): Date =>
  dates.reduce((max, date) => (date > max ? date : max), fallback);

/** Cents to the decimal string Prisma writes to a numeric column, without float rounding. */
export const centsToDecimal = (cents: number): string => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};
