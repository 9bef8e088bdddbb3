/** Past this many half-lives a touchpoint weighs under 1/64: the engagement score's read window. */
export const ENGAGEMENT_WINDOW_HALF_LIVES = 6;
/** The window of the raw counts in the engagement score's `components.counts90d`. */
export const ENGAGEMENT_COUNT_DAYS = 90;

/** Days of touchpoints the engagement score reads. */
export const engagementWindowDays = (halfLifeDays: number): number => Math.max(ENGAGEMENT_WINDOW_HALF_LIVES * halfLifeDays, ENGAGEMENT_COUNT_DAYS);
