import { Prisma } from '../../../prisma/generated/client';
import { allContacts, type SqlClient } from '../sql';
import type { ScoringContext } from '../scores/context';
import { rfmCustomers } from './customers';

// The quintile RFM model: each of R, F and M is scored 1..5 against the workspace's own
// customers (contacts with at least one counting order within the lookback), so "5" means
// "top fifth here" whatever the shop sells.
//
// Tie rule (deterministic; equal values always get equal scores):
//   1. Orient every variable so that larger is better: frequency (orders in the lookback) and
//      monetary (spend in the lookback) as they are; recency as days since the last order
//      ordered from the MOST days to the fewest (fewer days is better).
//   2. The boundaries are the 20th, 40th, 60th and 80th percentiles of the customers' values
//      in that order, percentile_disc style: boundary k is the value at position ceil(k·n/5)
//      of the n customers sorted worst to best. Positions are computed in integer arithmetic
//      (percentile_disc(0.2) over 35 rows would pick row 8 instead of 7 because 0.2·35 is
//      7.000000000000001 in floating point).
//   3. Score = 1 + the number of boundaries the value is strictly better than: for frequency
//      and monetary strictly greater, for recency strictly FEWER days.
// The score depends on the value alone, never on row order, so ties share a score; it is
// monotone (a better value never scores lower). With 10 distinct values each score goes to
// exactly 2 customers; with ties the fifths are uneven and a score can be skipped, e.g.
// order counts [1,1,1,2,2,2,3,4,5,6] give boundaries [1,2,2,4] and scores [1,1,1,2,2,2,4,4,5,5].
//
// The boundaries are workspace-wide state: computeRfmQuintileBoundaries computes them in one
// query and stores them in crm_model_state (kind 'rfm_quintiles'), and scoring a few contacts
// reads them from there, so a single changed contact is scored without re-ranking everybody.

const { sql, join, raw } = Prisma;

/** The tie rule, verbatim for the README. */
export const RFM_QUINTILE_TIE_RULE =
  'Boundaries are the 20th/40th/60th/80th percentiles (percentile_disc: the value at position ceil(k·n/5), counted in integers) ' +
  "of the workspace's customers (contacts with at least one paid or fulfilled order in the workspace currency within the lookback), " +
  'each variable ordered from worst to best (recency: most days since the last order first). ' +
  'A score is 1 + the number of boundaries the value is strictly better than (frequency, monetary: strictly greater; recency: strictly fewer days). ' +
  'Equal values always get equal scores, a better value never scores lower, and with ties a score can be skipped.';

export const RFM_QUINTILE_STATE_KIND = 'rfm_quintiles';

/** The four boundaries of each variable; null where there were no customers to take them from. */
export interface RfmQuintileBoundaries {
  /** Days since the last order, from the most to the fewest (the 20% boundary is the largest). */
  readonly recencyDays: readonly (number | null)[];
  /** Orders within the lookback, ascending. */
  readonly frequency: readonly (number | null)[];
  /** Spend within the lookback (workspace currency), ascending. */
  readonly monetary: readonly (number | null)[];
  /** The lookback the boundaries were computed with: other settings need new boundaries. */
  readonly lookbackDays: number;
  /** How many customers they were computed from. */
  readonly sampleSize: number;
  readonly computedAt: Date;
}

/** Which way is better for a variable: more (frequency, monetary) or fewer (recency days). */
export type Better = 'higher' | 'lower';

const QUINTILE_CUTS = [1, 2, 3, 4] as const;

interface StateRow {
  parameters: unknown;
  sample_size: number;
  computed_at: Date;
}

/**
 * Ranks the workspace's customers and stores the quintile boundaries (upsert into
 * crm_model_state, computed_at = now), in one statement; returns what was stored.
 */
export async function computeRfmQuintileBoundaries(client: SqlClient, context: ScoringContext): Promise<RfmQuintileBoundaries> {
  const boundaryAt = (value: string, position: string) =>
    join(QUINTILE_CUTS.map((k) => sql`max(${raw(value)}) FILTER (WHERE ${raw(position)} = (${k}::int * customers + 4) / 5)`));
  const rows = await client.$queryRaw<StateRow[]>(sql`
    WITH customers AS (${rfmCustomers(context, allContacts)}),
    ranked AS (
      SELECT days_since_last, order_count, total_spend,
             row_number() OVER (ORDER BY days_since_last DESC) AS recency_position,
             row_number() OVER (ORDER BY order_count) AS frequency_position,
             row_number() OVER (ORDER BY total_spend) AS monetary_position,
             count(*) OVER () AS customers
      FROM customers),
    boundaries AS (
      SELECT jsonb_build_object(
               'recencyDays', jsonb_build_array(${boundaryAt('days_since_last', 'recency_position')}),
               'frequency', jsonb_build_array(${boundaryAt('order_count', 'frequency_position')}),
               'monetary', jsonb_build_array(${boundaryAt('total_spend', 'monetary_position')}),
               'lookbackDays', ${context.settings.rfm.lookbackDays}::int) AS parameters,
             count(*)::int AS sample_size
      FROM ranked),
    stored AS (
      INSERT INTO crm_model_state (workspace_id, kind, parameters, sample_size, computed_at)
      SELECT ${context.workspaceId}::uuid, ${RFM_QUINTILE_STATE_KIND}::text, parameters, sample_size, ${context.now}::timestamptz FROM boundaries
      ON CONFLICT (workspace_id, kind) DO UPDATE
        SET parameters = EXCLUDED.parameters, sample_size = EXCLUDED.sample_size, computed_at = EXCLUDED.computed_at
      RETURNING parameters, sample_size, computed_at)
    SELECT parameters, sample_size, computed_at FROM stored`);
  const stored = rows[0] ? parseState(rows[0]) : null;
  if (!stored) throw new Error(`rfm quintile boundaries of workspace ${context.workspaceId} could not be stored`);
  return stored;
}

/** The stored boundaries, or null when there are none (or they are unreadable). */
export async function readRfmQuintileBoundaries(client: SqlClient, context: ScoringContext): Promise<RfmQuintileBoundaries | null> {
  const rows = await client.$queryRaw<StateRow[]>(sql`
    SELECT parameters, sample_size, computed_at FROM crm_model_state
    WHERE workspace_id = ${context.workspaceId}::uuid AND kind = ${RFM_QUINTILE_STATE_KIND}::text`);
  return rows[0] ? parseState(rows[0]) : null;
}

/**
 * The boundaries to score with: the stored ones, computed first when there are none, when
 * they were taken from no customers at all, or with another lookback than the settings'.
 */
export async function rfmQuintileBoundaries(client: SqlClient, context: ScoringContext): Promise<RfmQuintileBoundaries> {
  const stored = await readRfmQuintileBoundaries(client, context);
  const usable = stored !== null && stored.sampleSize > 0 && stored.lookbackDays === context.settings.rfm.lookbackDays;
  return usable ? stored : computeRfmQuintileBoundaries(client, context);
}

/**
 * The workspace-wide preparation of a batch recompute: stores fresh boundaries when the
 * workspace uses the quintile model (so every chunk scores against the same ones), nothing
 * for the threshold model.
 */
export async function prepareRfmModel(client: SqlClient, context: ScoringContext): Promise<RfmQuintileBoundaries | null> {
  return context.settings.rfm.model === 'quintile' ? computeRfmQuintileBoundaries(client, context) : null;
}

/** SQL: 1 + the number of boundaries `value` is strictly better than (see the tie rule). */
export function quintileScore(value: Prisma.Sql, boundaries: readonly (number | null)[], better: Better): Prisma.Sql {
  const beaten = boundaries
    .filter((boundary): boundary is number => boundary !== null)
    .map((boundary) => (better === 'higher' ? sql`(${value} > ${boundary}::numeric)::int` : sql`(${value} < ${boundary}::numeric)::int`));
  return beaten.length === 0 ? sql`1` : sql`(1 + ${join(beaten, ' + ')})`;
}

/** The same rule in TypeScript (tests, documentation). */
export function quintileScoreOf(value: number, boundaries: readonly (number | null)[], better: Better): number {
  const beaten = boundaries.filter((boundary) => boundary !== null && (better === 'higher' ? value > boundary : value < boundary));
  return 1 + beaten.length;
}

function parseState(row: StateRow): RfmQuintileBoundaries | null {
  const parameters: unknown = typeof row.parameters === 'string' ? JSON.parse(row.parameters) : row.parameters;
  if (typeof parameters !== 'object' || parameters === null) return null;
  const recencyDays = 'recencyDays' in parameters ? parameters.recencyDays : undefined;
  const frequency = 'frequency' in parameters ? parameters.frequency : undefined;
  const monetary = 'monetary' in parameters ? parameters.monetary : undefined;
  const lookbackDays = 'lookbackDays' in parameters ? parameters.lookbackDays : undefined;
  if (!isBoundaryList(recencyDays) || !isBoundaryList(frequency) || !isBoundaryList(monetary) || typeof lookbackDays !== 'number') return null;
  return { recencyDays, frequency, monetary, lookbackDays, sampleSize: row.sample_size, computedAt: row.computed_at };
}

function isBoundaryList(value: unknown): value is (number | null)[] {
  return Array.isArray(value) && value.length === QUINTILE_CUTS.length && value.every((item) => item === null || typeof item === 'number');
}
