import { Prisma, type JourneyStage, type LifecycleStage } from '../../../prisma/generated/client';
import type { LifecycleSettings } from '../settings';
import { countOf } from './rules';

// The journey (marketing funnel) stage rules, in order: the FIRST rule that holds gives the
// stage. Like the lifecycle rules, this table is the single source of the SQL and the README.
//
// Features, as columns of `f` (lifecycle/journey.ts):
//   f.order_count           counting orders ever
//   f.lifecycle_stage       the contact's stored lifecycle stage (compute lifecycle first)
//   f.consideration_events  events named in settings.lifecycle.considerationEvents, ever
//   f.advocacy_events       events named in settings.lifecycle.advocacyEvents, ever
//
// The stage is derived afresh each time, so it can go back down the funnel (a loyal customer
// who lapses leaves advocacy for retention) — except through an advocacy event, which counts
// for good.

const { sql } = Prisma;

/** Lifecycle stages that make an advocate. */
export const ADVOCATE_LIFECYCLE_STAGES: readonly LifecycleStage[] = ['loyal', 'champion'];

export interface JourneyRule {
  readonly stage: JourneyStage;
  readonly rule: string;
  readonly when: (settings: LifecycleSettings) => Prisma.Sql;
  readonly reason: (settings: LifecycleSettings) => Prisma.Sql;
}

export const JOURNEY_RULES: readonly JourneyRule[] = [
  {
    stage: 'advocacy',
    rule: 'Lifecycle stage loyal or champion, or performed any of advocacyEvents.',
    when: () => sql`(f.advocacy_events > 0 OR f.lifecycle_stage = ANY(${[...ADVOCATE_LIFECYCLE_STAGES]}::text[]))`,
    reason: (s) =>
      sql`CASE WHEN f.advocacy_events > 0 THEN format('%s (%s)', ${countOf(sql`f.advocacy_events`, 'advocacy event', 'advocacy events')}, array_to_string(${[...s.advocacyEvents]}::text[], ', '))
        ELSE format('lifecycle stage %s', f.lifecycle_stage) END`,
  },
  {
    stage: 'retention',
    rule: 'Two or more counting orders.',
    when: () => sql`f.order_count >= 2`,
    reason: () => sql`format('%s orders', f.order_count)`,
  },
  {
    stage: 'purchase',
    rule: 'Exactly one counting order.',
    when: () => sql`f.order_count = 1`,
    reason: () => sql`'one order'`,
  },
  {
    stage: 'consideration',
    rule: 'No order, but performed any of considerationEvents.',
    when: () => sql`f.consideration_events > 0`,
    reason: (s) =>
      sql`format('%s (%s), no order yet', ${countOf(sql`f.consideration_events`, 'consideration event', 'consideration events')}, array_to_string(${[...s.considerationEvents]}::text[], ', '))`,
  },
  {
    stage: 'awareness',
    rule: 'Otherwise: known, but no consideration event and no order.',
    when: () => sql`true`,
    reason: () => sql`'no consideration event and no order yet'`,
  },
];

export function journeyStageSql(settings: LifecycleSettings): Prisma.Sql {
  return sql`(CASE ${Prisma.join(
    JOURNEY_RULES.map((rule) => sql`WHEN ${rule.when(settings)} THEN ${rule.stage}::text`),
    ' ',
  )} END)`;
}

export function journeyReasonSql(settings: LifecycleSettings, stage: Prisma.Sql): Prisma.Sql {
  return sql`(CASE ${stage} ${Prisma.join(
    JOURNEY_RULES.map((rule) => sql`WHEN ${rule.stage}::text THEN ${rule.reason(settings)}`),
    ' ',
  )} END)`;
}
