/**
 * `months` calendar months after `date`, in UTC, the day clamped to the target month's last
 * (31 January + 1 month = 28/29 February). This is Postgres' `timestamp + interval 'n months'`,
 * so an expiry computed here agrees with a tier window computed in SQL from the same clock.
 */
export function addUtcMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDayOfTargetMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(date.getTime());
  result.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDayOfTargetMonth));
  return result;
}
