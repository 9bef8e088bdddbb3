import { Prisma, type LifecycleStage } from '../../../prisma/generated/client';
import type { LifecycleSettings } from '../settings';

// The lifecycle stage rules, in order: the FIRST rule that holds gives the stage. This table is
// the single source of the SQL CASE (computeLifecycleStages) and of the README table.
//
// Each rule reads the per-contact features computed in lifecycle/compute.ts, as columns of `f`:
//   f.order_count            counting orders ever (paid/fulfilled, workspace currency, by now)
//   f.days_since_last        whole days since the last of them (null without orders)
//   f.days_since_first       whole days since the first
//   f.gap_days               whole days between the last two orders (null with fewer than 2)
//   f.average_interval_days  (last − first) / (orders − 1) in days, at least 1 (null with < 2)
//   f.segment_label          the stored RFM segment (null without an rfm_score row)
// and each states its reason with the numbers that decided it.

const { sql } = Prisma;

/** SQL text "1 order" / "3 orders" for an int expression. */
export function countOf(count: Prisma.Sql, singular: string, plural: string): Prisma.Sql {
  return sql`format('%s %s', ${count}, CASE WHEN ${count} = 1 THEN ${singular}::text ELSE ${plural}::text END)`;
}

export interface LifecycleRule {
  readonly stage: LifecycleStage;
  /** The rule in words, with the names of the settings (settings.lifecycle.*) it uses. */
  readonly rule: string;
  /** When the rule holds, as SQL over `f`. */
  readonly when: (settings: LifecycleSettings) => Prisma.Sql;
  /** Why, as a SQL text expression over `f` naming the numbers. */
  readonly reason: (settings: LifecycleSettings) => Prisma.Sql;
}

export const LIFECYCLE_RULES: readonly LifecycleRule[] = [
  {
    stage: 'prospect',
    rule: 'No counting order ever (paid or fulfilled, in the workspace currency).',
    when: () => sql`f.order_count = 0`,
    reason: () => sql`'no paid or fulfilled order yet'`,
  },
  {
    stage: 'churned',
    rule: 'No order for more than churnedAfterDays.',
    when: (s) => sql`f.days_since_last > ${s.churnedAfterDays}::int`,
    reason: (s) => sql`format('no order for %s days (churned after %s)', f.days_since_last, ${s.churnedAfterDays}::int)`,
  },
  {
    stage: 'inactive',
    rule: 'No order for more than inactiveAfterDays.',
    when: (s) => sql`f.days_since_last > ${s.inactiveAfterDays}::int`,
    reason: (s) => sql`format('no order for %s days (inactive after %s)', f.days_since_last, ${s.inactiveAfterDays}::int)`,
  },
  {
    stage: 'win_back',
    rule: 'The gap between the last two orders was more than inactiveAfterDays, and the last order is at most winBackDays old.',
    when: (s) => sql`f.order_count >= 2 AND f.gap_days > ${s.inactiveAfterDays}::int AND f.days_since_last <= ${s.winBackDays}::int`,
    reason: (s) =>
      sql`format('ordered %s days ago after a gap of %s days (inactive after %s, win-back within %s)', f.days_since_last, f.gap_days, ${s.inactiveAfterDays}::int, ${s.winBackDays}::int)`,
  },
  {
    stage: 'new_customer',
    rule: 'Exactly one order, at most newCustomerDays old.',
    when: (s) => sql`f.order_count = 1 AND f.days_since_last <= ${s.newCustomerDays}::int`,
    reason: (s) => sql`format('first order %s days ago (new customer for %s days)', f.days_since_last, ${s.newCustomerDays}::int)`,
  },
  {
    stage: 'at_risk',
    rule: 'One order more than atRiskAfterDays old; or two or more orders and no order for more than atRiskIntervalFactor × their own average interval.',
    when: (s) =>
      sql`((f.order_count = 1 AND f.days_since_last > ${s.atRiskAfterDays}::int)
        OR (f.order_count >= 2 AND f.days_since_last > ${s.atRiskIntervalFactor}::float8 * f.average_interval_days))`,
    reason: (s) =>
      sql`CASE WHEN f.order_count = 1 THEN format('single order %s days ago (at risk after %s)', f.days_since_last, ${s.atRiskAfterDays}::int)
        ELSE format('no order for %s days, more than %s × the average interval of %s days', f.days_since_last, ${s.atRiskIntervalFactor}::numeric, round(f.average_interval_days::numeric, 1)) END`,
  },
  {
    stage: 'champion',
    rule: 'The RFM segment is one of championSegments (compute RFM first).',
    when: (s) => sql`COALESCE(f.segment_label = ANY(${[...s.championSegments]}::text[]), false)`,
    reason: () => sql`format('RFM segment %s', f.segment_label)`,
  },
  {
    stage: 'loyal',
    rule: 'At least loyalMinOrders orders, the first at least loyalMinDays ago.',
    when: (s) => sql`f.order_count >= ${s.loyalMinOrders}::int AND f.days_since_first >= ${s.loyalMinDays}::int`,
    reason: (s) =>
      sql`format('%s orders since the first %s days ago (loyal from %s orders over %s days)', f.order_count, f.days_since_first, ${s.loyalMinOrders}::int, ${s.loyalMinDays}::int)`,
  },
  {
    stage: 'active',
    rule: 'Otherwise: a customer buying at their usual pace.',
    when: () => sql`true`,
    reason: () => sql`format('%s, the last %s days ago', ${countOf(sql`f.order_count`, 'order', 'orders')}, f.days_since_last)`,
  },
];

/** SQL: the stage of `f` (first matching rule). */
export function lifecycleStageSql(settings: LifecycleSettings): Prisma.Sql {
  return sql`(CASE ${Prisma.join(
    LIFECYCLE_RULES.map((rule) => sql`WHEN ${rule.when(settings)} THEN ${rule.stage}::text`),
    ' ',
  )} END)`;
}

/** SQL: the reason for a stage already chosen by lifecycleStageSql (`stage`, a text expression). */
export function lifecycleReasonSql(settings: LifecycleSettings, stage: Prisma.Sql): Prisma.Sql {
  return sql`(CASE ${stage} ${Prisma.join(
    LIFECYCLE_RULES.map((rule) => sql`WHEN ${rule.stage}::text THEN ${rule.reason(settings)}`),
    ' ',
  )} END)`;
}
