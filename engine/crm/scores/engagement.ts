import { Prisma } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import type { ScoringContext } from './context';
import { contactsInScope, countingOrders } from './counting-orders';
import { exactDaysSince, withinDaysCutoff } from './days';
import { scoreChanges, type ScoreChangeRow } from './score-changes';

// Engagement (0..100): recency-weighted touchpoints.
//
//   touchpoints = events named in settings.engagement.opens / clicks / visits (an event named in
//                 two lists counts for both) and counting orders (purchases)
//   points      = Σ weight(kind) × 0.5^(age in days / halfLifeDays)     (age with its fraction)
//   score       = clamp(round(100 × min(1, points / saturation)) + Σ score_adjustment.delta
//                 of model 'engagement', 0, 100)                       (round half away from zero)
//
// Defaults: open 1, click 3, visit 1, purchase 5 points, half-life 30 days, saturation 40, so
// one click 30 days ago is 1.5 points and scores round(3.75) = 4.
//
// Window: touchpoints at most max(6 half-lives, 90) whole days old are read. Past 6 half-lives
// a touchpoint keeps under 1/64 (1.6%) of its weight, and a contact would need dozens of such
// old touchpoints to move the score by a point, so the rest of the history is left unread
// (events by (workspace_id, name, occurred_at) or (contact_id, occurred_at), orders likewise).
// The 90 days is the window of the raw counts shown next to the points.
//
// Every contact in scope gets a row (score 0 without touchpoints). last_engaged_at is the
// latest touchpoint in the window, or the stored one when that is later (so a contact quiet
// for longer than the window keeps the date). components: decayed points per kind, raw counts
// of the last 90 days, halfLifeDays, windowDays, saturation, and the adjustment total (what
// journeys' score.adjust steps added; kept in a ledger, so a recompute folds it in again).

const { sql, raw } = Prisma;

/** Past this many half-lives a touchpoint weighs under 1/64: the read window. */
export const ENGAGEMENT_WINDOW_HALF_LIVES = 6;
/** The window of the raw counts in `components.counts90d`. */
export const ENGAGEMENT_COUNT_DAYS = 90;

/** Days of touchpoints the score reads. */
export const engagementWindowDays = (halfLifeDays: number): number => Math.max(ENGAGEMENT_WINDOW_HALF_LIVES * halfLifeDays, ENGAGEMENT_COUNT_DAYS);

export async function computeEngagement(client: SqlClient, context: ScoringContext, scope: ContactScope): Promise<CrmChange[]> {
  const { workspaceId, now } = context;
  const { halfLifeDays, saturation, opens, clicks, visits, weights } = context.settings.engagement;
  const windowDays = engagementWindowDays(halfLifeDays);
  const windowStart = withinDaysCutoff(now, windowDays);
  const countStart = withinDaysCutoff(now, ENGAGEMENT_COUNT_DAYS);
  const eventDecay = sql`power(0.5::float8, ${exactDaysSince(now, raw('e.occurred_at'))} / ${halfLifeDays}::float8)`;
  const orderDecay = sql`power(0.5::float8, ${exactDaysSince(now, raw('o.placed_at'))} / ${halfLifeDays}::float8)`;
  const kind = (names: readonly string[]) => sql`e.name = ANY(${[...names]}::text[])`;
  const recentEvent = sql`e.occurred_at > ${countStart}::timestamptz`;

  const rows = await client.$queryRaw<ScoreChangeRow[]>(sql`
    WITH scoped AS (${contactsInScope(context, scope)}),
    touches AS (
      SELECT e.contact_id,
             COALESCE(sum(${eventDecay}) FILTER (WHERE ${kind(opens)}), 0) AS opens,
             COALESCE(sum(${eventDecay}) FILTER (WHERE ${kind(clicks)}), 0) AS clicks,
             COALESCE(sum(${eventDecay}) FILTER (WHERE ${kind(visits)}), 0) AS visits,
             (count(*) FILTER (WHERE ${kind(opens)} AND ${recentEvent}))::int AS recent_opens,
             (count(*) FILTER (WHERE ${kind(clicks)} AND ${recentEvent}))::int AS recent_clicks,
             (count(*) FILTER (WHERE ${kind(visits)} AND ${recentEvent}))::int AS recent_visits,
             max(e.occurred_at) AS last_at
      FROM event e
      WHERE e.workspace_id = ${workspaceId}::uuid AND e.name = ANY(${[...opens, ...clicks, ...visits]}::text[])
        AND e.occurred_at > ${windowStart}::timestamptz AND e.occurred_at <= ${now}::timestamptz
        ${scopeFilter(scope, raw('e.contact_id'))}
      GROUP BY e.contact_id),
    purchases AS (
      SELECT o.contact_id, sum(${orderDecay}) AS purchases,
             (count(*) FILTER (WHERE o.placed_at > ${countStart}::timestamptz))::int AS recent_purchases,
             max(o.placed_at) AS last_at
      FROM "order" o
      WHERE ${countingOrders(context, scope)} AND o.placed_at > ${windowStart}::timestamptz
      GROUP BY o.contact_id),
    adjusted AS (
      SELECT a.contact_id, sum(a.delta)::int AS total FROM score_adjustment a
      WHERE a.workspace_id = ${workspaceId}::uuid AND a.model = 'engagement' ${scopeFilter(scope, raw('a.contact_id'))}
      GROUP BY a.contact_id),
    points AS (
      SELECT s.contact_id,
             COALESCE(t.opens, 0) * ${weights.open}::float8 AS opens,
             COALESCE(t.clicks, 0) * ${weights.click}::float8 AS clicks,
             COALESCE(t.visits, 0) * ${weights.visit}::float8 AS visits,
             COALESCE(p.purchases, 0) * ${weights.purchase}::float8 AS purchases,
             COALESCE(t.recent_opens, 0) AS recent_opens, COALESCE(t.recent_clicks, 0) AS recent_clicks,
             COALESCE(t.recent_visits, 0) AS recent_visits, COALESCE(p.recent_purchases, 0) AS recent_purchases,
             GREATEST(t.last_at, p.last_at) AS last_at, COALESCE(a.total, 0) AS adjustment
      FROM scoped s
      LEFT JOIN touches t ON t.contact_id = s.contact_id
      LEFT JOIN purchases p ON p.contact_id = s.contact_id
      LEFT JOIN adjusted a ON a.contact_id = s.contact_id),
    scored AS (
      SELECT points.*,
             LEAST(100, GREATEST(0, round((100 * LEAST(1, (opens + clicks + visits + purchases) / ${saturation}::float8))::numeric)::int + adjustment))::int AS score
      FROM points),
    written AS (
      INSERT INTO engagement_score (contact_id, workspace_id, score, last_engaged_at, components, computed_at)
      SELECT s.contact_id, ${workspaceId}::uuid, s.score, GREATEST(s.last_at, p.last_engaged_at),
             jsonb_build_object(
               'opens', round(s.opens::numeric, 4), 'clicks', round(s.clicks::numeric, 4),
               'visits', round(s.visits::numeric, 4), 'purchases', round(s.purchases::numeric, 4),
               'counts90d', jsonb_build_object('opens', s.recent_opens, 'clicks', s.recent_clicks, 'visits', s.recent_visits, 'purchases', s.recent_purchases),
               'halfLifeDays', ${halfLifeDays}::int, 'windowDays', ${windowDays}::int, 'saturation', ${saturation}::float8,
               'adjustment', s.adjustment),
             ${now}::timestamptz
      FROM scored s LEFT JOIN engagement_score p ON p.contact_id = s.contact_id
      ON CONFLICT (contact_id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id, score = EXCLUDED.score,
        last_engaged_at = EXCLUDED.last_engaged_at, components = EXCLUDED.components, computed_at = EXCLUDED.computed_at)
    SELECT s.contact_id::text AS contact_id, p.score AS from_value, s.score AS to_value
    FROM scored s LEFT JOIN engagement_score p ON p.contact_id = s.contact_id
    WHERE p.contact_id IS NULL OR p.score <> s.score
    ORDER BY s.contact_id`);
  return scoreChanges('engagement', 'score', rows);
}
