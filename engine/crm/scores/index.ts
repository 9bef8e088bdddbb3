export { CHURN_FORMULA_VERSION, CHURN_FULL_CONFIDENCE_ORDERS, CHURN_HALF_RISK_RATIO, churnProbabilityOf, computeChurnRisk } from './churn';
export type { ScoringContext } from './context';
export { contactsInScope, countingOrders } from './counting-orders';
export { DAY_MS, exactDaysBetween, exactDaysSince, exactlyDaysBefore, wholeDaysSince, withinDaysCutoff } from './days';
export { computeEngagement, ENGAGEMENT_COUNT_DAYS, ENGAGEMENT_WINDOW_HALF_LIVES, engagementWindowDays } from './engagement';
export { computeHealth, HEALTH_TREND_PERIOD_DAYS } from './health';
export { computeLeadScores } from './lead';
export { compileFitRule, FIT_FIELDS, InvalidFitRuleError, type FitRule } from './lead-fit';
export { joinOrEmpty } from './sql-join';
