import { Prisma } from '../../../prisma/generated/client';

// Named RFM segments, on the widely used grid of recency (R) against the average of frequency
// and monetary, FM = (F + M) / 2, with every score 1..5. The table below is the single source:
// the SQL CASE that labels rfm_score rows, the TypeScript rfmSegmentOf and the README table
// are all generated from it, so they cannot drift apart.
//
// The FIRST matching row wins. The order is a decision:
// - vip comes first: top spenders (M = 5) who buy often (F ≥ 4) and have not lapsed (R ≥ 3)
//   get the VIP treatment even when they would also be champions. (The lifecycle `champion`
//   stage follows settings.lifecycle.championSegments, ['champions', 'vip'] by default, so a
//   VIP is still a lifecycle champion; a workspace can narrow that list.)
// - new_customers comes before loyal_customers, so one big recent order (F = 1, M = 5) makes
//   a new customer, not a loyal one.
// - every (R, F, M) matches some row (promising closes R ≥ 3, about_to_sleep R = 2, lost R = 1).

const { sql, join } = Prisma;

export type RfmSegmentLabel =
  | 'vip'
  | 'champions'
  | 'new_customers'
  | 'loyal_customers'
  | 'potential_loyalists'
  | 'need_attention'
  | 'promising'
  | 'cant_lose_them'
  | 'at_risk'
  | 'about_to_sleep'
  | 'hibernating'
  | 'lost';

/** An inclusive range of a score (or of FM, which moves in halves). */
export interface ScoreRange {
  readonly min: number;
  readonly max: number;
}

/** All given ranges must hold; a missing one is "any". */
export interface RfmSegmentPredicate {
  readonly r?: ScoreRange;
  readonly f?: ScoreRange;
  readonly m?: ScoreRange;
  /** (F + M) / 2. */
  readonly fm?: ScoreRange;
}

export interface RfmSegment {
  readonly label: RfmSegmentLabel;
  readonly name: string;
  /** What the customers in it are like. */
  readonly description: string;
  /** The predicate in words ("R ≥ 4 and FM ≥ 4"), generated from `when`. */
  readonly rule: string;
  readonly when: RfmSegmentPredicate;
}

const atLeast = (min: number): ScoreRange => ({ min, max: 5 });
const atMost = (max: number): ScoreRange => ({ min: 1, max });
const exactly = (value: number): ScoreRange => ({ min: value, max: value });

const segment = (label: RfmSegmentLabel, name: string, description: string, when: RfmSegmentPredicate): RfmSegment => ({
  label,
  name,
  description,
  rule: describePredicate(when),
  when,
});

/** The segment table, in precedence order (first match wins). */
export const RFM_SEGMENTS: readonly RfmSegment[] = [
  segment('vip', 'VIP', 'Top spenders who buy often and have bought within the last quarter or so.', { m: exactly(5), f: atLeast(4), r: atLeast(3) }),
  segment('champions', 'Champions', 'Bought recently, buy often and spend the most.', { r: atLeast(4), fm: atLeast(4) }),
  segment('new_customers', 'New customers', 'Their first and only order was recent.', { r: atLeast(4), f: exactly(1) }),
  segment('loyal_customers', 'Loyal customers', 'Buy regularly and spend well, if not the most recently.', { r: atLeast(3), fm: atLeast(3) }),
  segment('potential_loyalists', 'Potential loyalists', 'Recent repeat customers with average frequency and spend.', { r: atLeast(4), fm: atLeast(2) }),
  segment('need_attention', 'Need attention', 'Average recency, frequency and spend: slipping without a nudge.', { r: exactly(3), fm: atLeast(2) }),
  segment('promising', 'Promising', 'Fairly recent shoppers who have not bought much yet.', { r: atLeast(3) }),
  segment('cant_lose_them', "Can't lose them", 'Used to buy often and spend big, but not for a long time.', { r: atMost(2), fm: atLeast(4) }),
  segment('at_risk', 'At risk', 'Bought often and spent well, but long ago.', { r: atMost(2), fm: atLeast(3) }),
  segment('about_to_sleep', 'About to sleep', 'Below-average recency, frequency and spend: lost without reactivation.', { r: exactly(2) }),
  segment('hibernating', 'Hibernating', 'Last order long ago, a few orders, low spend.', { r: exactly(1), fm: atLeast(2) }),
  segment('lost', 'Lost', 'Lowest recency, frequency and spend.', { r: exactly(1) }),
];

/** The segment of (R, F, M) scores: the first row of RFM_SEGMENTS that matches. */
export function rfmSegmentOf(r: number, f: number, m: number): RfmSegmentLabel {
  const found = RFM_SEGMENTS.find(({ when }) => within(r, when.r) && within(f, when.f) && within(m, when.m) && within((f + m) / 2, when.fm));
  if (!found) throw new Error(`no RFM segment matches R=${r} F=${f} M=${m}`);
  return found.label;
}

/**
 * SQL: the segment label of three int score expressions, as a CASE over RFM_SEGMENTS in
 * order. FM is compared as F + M against doubled bounds, so it stays in integers.
 */
export function rfmSegmentSql(r: Prisma.Sql, f: Prisma.Sql, m: Prisma.Sql): Prisma.Sql {
  const branches = RFM_SEGMENTS.map(({ label, when }) => {
    const conditions = [
      when.r ? between(r, when.r.min, when.r.max) : null,
      when.f ? between(f, when.f.min, when.f.max) : null,
      when.m ? between(m, when.m.min, when.m.max) : null,
      when.fm ? between(sql`(${f} + ${m})`, when.fm.min * 2, when.fm.max * 2) : null,
    ].filter((condition): condition is Prisma.Sql => condition !== null);
    return sql`WHEN ${conditions.length === 0 ? sql`true` : join(conditions, ' AND ')} THEN ${label}::text`;
  });
  // No ELSE: the table covers every cell (a test checks all 125), and a hole would surface as a
  // NOT NULL violation instead of a silently wrong label.
  return sql`(CASE ${join(branches, ' ')} END)`;
}

function between(value: Prisma.Sql, min: number, max: number): Prisma.Sql {
  return sql`${value} BETWEEN ${min}::int AND ${max}::int`;
}

function within(value: number, range: ScoreRange | undefined): boolean {
  return range === undefined || (value >= range.min && value <= range.max);
}

function describePredicate(when: RfmSegmentPredicate): string {
  const parts = [describeRange('R', when.r), describeRange('F', when.f), describeRange('M', when.m), describeRange('FM', when.fm)];
  const present = parts.filter((part): part is string => part !== null);
  return present.length === 0 ? 'any' : present.join(' and ');
}

function describeRange(name: string, range: ScoreRange | undefined): string | null {
  if (!range) return null;
  if (range.min === range.max) return `${name} = ${range.min}`;
  if (range.max === 5) return `${name} ≥ ${range.min}`;
  if (range.min === 1) return `${name} ≤ ${range.max}`;
  return `${name} ${range.min}–${range.max}`;
}
