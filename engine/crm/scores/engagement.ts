import { Prisma } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import { deliverChanges } from '../changes/delivery';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import type { ScoringContext } from './context';
import { contactsInScope } from './counting-orders';
import { exactDaysSince, withinDaysCutoff } from './days';
import { ENGAGEMENT_COUNT_DAYS, engagementWindowDays } from './engagement-window';
import { orderFacts } from './order-facts';
import { contactScoring, type ScoringOptions } from './scoring-options';

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
//
// Only rows whose values moved are written (computed_at is when they last moved), and
// score.changed is announced for the rows written whose score moved.

const { sql, raw } = Prisma;

export { ENGAGEMENT_COUNT_DAYS, ENGAGEMENT_WINDOW_HALF_LIVES, engagementWindowDays } from './engagement-window';

export async function computeEngagement(client: SqlClient, context: ScoringContext, scope: ContactScope, options: ScoringOptions = contactScoring): Promise<CrmChange[]> {
  const { workspaceId, now } = context;
  const { halfLifeDays, saturation, opens, clicks, visits, weights } = context.settings.engagement;
  const windowDays = engagementWindowDays(halfLifeDays);
  const windowStart = withinDaysCutoff(now, windowDays);
  const countStart = withinDaysCutoff(now, ENGAGEMENT_COUNT_DAYS);
  const eventDecay = sql`power(0.5::float8, ${exactDaysSince(now, raw('e.occurred_at'))} / ${halfLifeDays}::float8)`;
  const kind = (names: readonly string[]) => sql`e.name = ANY(${[...names]}::text[])`;
  const recentEvent = sql`e.occurred_at > ${countStart}::timestamptz`;

  return deliverChanges(client, workspaceId, options.delivery, sql`
    WITH scoped AS (${contactsInScope(context, scope)}),
    facts AS (${orderFacts(context, scope, options.facts)}),
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
    adjusted AS (
      SELECT a.contact_id, sum(a.delta)::int AS total FROM score_adjustment a
      WHERE a.workspace_id = ${workspaceId}::uuid AND a.model = 'engagement' ${scopeFilter(scope, raw('a.contact_id'))}
      GROUP BY a.contact_id),
    points AS (
      SELECT s.contact_id,
             COALESCE(t.opens, 0) * ${weights.open}::float8 AS opens,
             COALESCE(t.clicks, 0) * ${weights.click}::float8 AS clicks,
             COALESCE(t.visits, 0) * ${weights.visit}::float8 AS visits,
             COALESCE(f.purchase_points, 0) * ${weights.purchase}::float8 AS purchases,
             COALESCE(t.recent_opens, 0) AS recent_opens, COALESCE(t.recent_clicks, 0) AS recent_clicks,
             COALESCE(t.recent_visits, 0) AS recent_visits, COALESCE(f.purchases_90d, 0) AS recent_purchases,
             GREATEST(t.last_at, f.purchase_last_at) AS last_at, COALESCE(a.total, 0) AS adjustment
      FROM scoped s
      LEFT JOIN touches t ON t.contact_id = s.contact_id
      LEFT JOIN facts f ON f.contact_id = s.contact_id
      LEFT JOIN adjusted a ON a.contact_id = s.contact_id),
    scored AS (
      SELECT points.*,
             LEAST(100, GREATEST(0, round((100 * LEAST(1, (opens + clicks + visits + purchases) / ${saturation}::float8))::numeric)::int + adjustment))::int AS score
      FROM points),
    computed AS (
      SELECT s.contact_id, s.score, GREATEST(s.last_at, p.last_engaged_at) AS last_engaged_at,
             jsonb_build_object(
               'opens', round(s.opens::numeric, 4), 'clicks', round(s.clicks::numeric, 4),
               'visits', round(s.visits::numeric, 4), 'purchases', round(s.purchases::numeric, 4),
               'counts90d', jsonb_build_object('opens', s.recent_opens, 'clicks', s.recent_clicks, 'visits', s.recent_visits, 'purchases', s.recent_purchases),
               'halfLifeDays', ${halfLifeDays}::int, 'windowDays', ${windowDays}::int, 'saturation', ${saturation}::float8,
               'adjustment', s.adjustment) AS components,
             p.contact_id IS NULL AS new, p.score AS stored_score, p.last_engaged_at AS stored_last_engaged_at, p.components AS stored_components
      FROM scored s LEFT JOIN engagement_score p ON p.contact_id = s.contact_id ${scopeFilter(scope, raw('p.contact_id'))}),
    written AS (
      INSERT INTO engagement_score AS t (contact_id, workspace_id, score, last_engaged_at, components, computed_at)
      SELECT contact_id, ${workspaceId}::uuid, score, last_engaged_at, components, ${now}::timestamptz
      FROM computed
      WHERE new OR (stored_score, stored_last_engaged_at, stored_components) IS DISTINCT FROM (score, last_engaged_at, components)
      ON CONFLICT (contact_id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id, score = EXCLUDED.score,
        last_engaged_at = EXCLUDED.last_engaged_at, components = EXCLUDED.components, computed_at = EXCLUDED.computed_at
      WHERE (t.score, t.last_engaged_at, t.components) IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.last_engaged_at, EXCLUDED.components)
      RETURNING t.contact_id, t.score),
    changes AS (
      SELECT w.contact_id, 1 AS position, 'score.changed' AS topic,
             jsonb_build_object('contactId', w.contact_id::text, 'model', 'engagement', 'field', 'score', 'from', p.score, 'to', w.score) AS payload
      -- Every part of one statement reads the same snapshot: p is the row as it was before the write.
      FROM written w LEFT JOIN engagement_score p ON p.contact_id = w.contact_id ${scopeFilter(scope, raw('p.contact_id'))}
      WHERE p.score IS DISTINCT FROM w.score)`);
}
