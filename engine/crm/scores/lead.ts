import { Prisma } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import { deliverChanges } from '../changes/delivery';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import type { ScoringContext } from './context';
import { withinDaysCutoff } from './days';
import { compileFitRule } from './lead-fit';
import { contactScoring, type ScoringOptions } from './scoring-options';
import { joinOrEmpty } from './sql-join';

// Lead score (0..100): what a contact does, who they are, and how they respond.
//
//   behaviour  = clamp(Σ over settings.lead.behaviour: points × min(events of that name within
//                windowDays, maxCount), 0, 100)
//   fit        = clamp(Σ over settings.lead.fit: points where the rule matches, 0, 100)
//                (rules compiled by lead-fit.ts; an unknown field throws before any SQL runs)
//   engagement = the stored engagement score (compute engagement first; 0 without a row)
//   composite  = round((w_b·behaviour + w_f·fit + w_e·engagement) / (w_b + w_f + w_e))
//                (0 when every weight is 0; rounding half away from zero, in exact decimals)
//   score      = clamp(composite + Σ score_adjustment.delta of model 'lead', 0, 100)
//   qualification = 'sql' when score ≥ thresholds.sql, 'mql' when ≥ thresholds.mql, else 'none'
//
// Every contact in scope gets a row. components holds the inputs: each behaviour rule with its
// count and contribution, each fit rule and whether it matched, the weights, the engagement
// score and the adjustment total. Only rows whose values moved are written. Events:
// score.changed (lead, 'score') and lead.qualification_changed (a contact without a previous
// row counts as 'none').

const { sql, raw, join } = Prisma;

export async function computeLeadScores(client: SqlClient, context: ScoringContext, scope: ContactScope, options: ScoringOptions = contactScoring): Promise<CrmChange[]> {
  const { workspaceId, now } = context;
  const lead = context.settings.lead;
  // Compiled before anything runs, so a bad rule fails the call, not half a statement.
  const fit = lead.fit.map((rule, position) => ({ rule, matched: raw(`fit_${position}`), condition: compileFitRule(rule, position) }));
  const behaviour = lead.behaviour.map((rule, position) => ({ rule, count: raw(`count_${position}`) }));
  const contribution = ({ rule, count }: (typeof behaviour)[number]) => sql`${rule.points}::int * LEAST(${count}, ${rule.maxCount}::int)`;
  const sum = (terms: Prisma.Sql[]) => (terms.length === 0 ? sql`0` : join(terms, ' + '));
  const { behaviour: wb, fit: wf, engagement: we } = lead.weights;

  return deliverChanges(client, workspaceId, options.delivery, sql`
    WITH scoped AS (
      SELECT c.id AS contact_id ${joinOrEmpty(fit.map(({ matched, condition }) => sql`, ${condition} AS ${matched}`), '')}
      FROM contact c
      WHERE c.workspace_id = ${workspaceId}::uuid ${scopeFilter(scope, raw('c.id'))}),
    counted AS (
      SELECT e.contact_id ${joinOrEmpty(behaviour.map(({ rule, count }) => sql`, (count(*) FILTER (WHERE e.name = ${rule.event}::text))::int AS ${count}`), '')}
      FROM event e
      WHERE e.workspace_id = ${workspaceId}::uuid AND e.name = ANY(${lead.behaviour.map((rule) => rule.event)}::text[])
        AND e.occurred_at > ${withinDaysCutoff(now, lead.windowDays)}::timestamptz AND e.occurred_at <= ${now}::timestamptz
        ${scopeFilter(scope, raw('e.contact_id'))}
      GROUP BY e.contact_id),
    adjusted AS (
      SELECT a.contact_id, sum(a.delta)::int AS total FROM score_adjustment a
      WHERE a.workspace_id = ${workspaceId}::uuid AND a.model = 'lead' ${scopeFilter(scope, raw('a.contact_id'))}
      GROUP BY a.contact_id),
    inputs AS (
      SELECT s.* ${joinOrEmpty(behaviour.map(({ count }) => sql`, COALESCE(n.${count}, 0) AS ${count}`), '')},
             COALESCE(g.score, 0) AS engagement, COALESCE(a.total, 0) AS adjustment
      FROM scoped s
      LEFT JOIN counted n ON n.contact_id = s.contact_id
      LEFT JOIN engagement_score g ON g.contact_id = s.contact_id ${scopeFilter(scope, raw('g.contact_id'))}
      LEFT JOIN adjusted a ON a.contact_id = s.contact_id),
    components AS (
      SELECT inputs.*,
             LEAST(100, GREATEST(0, ${sum(behaviour.map(contribution))}))::int AS behaviour_score,
             LEAST(100, GREATEST(0, ${sum(fit.map(({ rule, matched }) => sql`CASE WHEN ${matched} THEN ${rule.points}::int ELSE 0 END`))}))::int AS fit_score
      FROM inputs),
    scored AS (
      SELECT components.*,
             LEAST(100, GREATEST(0, COALESCE(round(
               (${wb}::numeric * behaviour_score + ${wf}::numeric * fit_score + ${we}::numeric * engagement)
               / NULLIF(${wb}::numeric + ${wf}::numeric + ${we}::numeric, 0)), 0) + adjustment))::int AS score
      FROM components),
    qualified AS (
      SELECT scored.*,
             CASE WHEN score >= ${lead.thresholds.sql}::int THEN 'sql' WHEN score >= ${lead.thresholds.mql}::int THEN 'mql' ELSE 'none' END AS qualification
      FROM scored),
    computed AS (
      SELECT contact_id, score, fit_score, behaviour_score, engagement, qualification::lead_qualification AS qualification,
             jsonb_build_object(
               'behaviour', jsonb_build_array(${joinOrEmpty(
                 behaviour.map((entry) => sql`jsonb_build_object('event', ${entry.rule.event}::text, 'count', ${entry.count}, 'points', ${entry.rule.points}::int, 'maxCount', ${entry.rule.maxCount}::int, 'contribution', ${contribution(entry)})`),
               )}),
               'fit', jsonb_build_array(${joinOrEmpty(
                 fit.map(({ rule, matched }) => sql`jsonb_build_object('field', ${rule.field}::text, 'operator', ${rule.operator}::text, 'points', ${rule.points}::int, 'matched', ${matched})`),
               )}),
               'weights', jsonb_build_object('behaviour', ${wb}::numeric, 'fit', ${wf}::numeric, 'engagement', ${we}::numeric),
               'engagement', engagement, 'adjustment', adjustment, 'windowDays', ${lead.windowDays}::int) AS components
      FROM qualified),
    written AS (
      INSERT INTO lead_score AS t (contact_id, workspace_id, score, fit_score, behaviour_score, engagement_score, qualification, components, computed_at)
      SELECT c.contact_id, ${workspaceId}::uuid, c.score, c.fit_score, c.behaviour_score, c.engagement, c.qualification, c.components, ${now}::timestamptz
      FROM computed c LEFT JOIN lead_score p ON p.contact_id = c.contact_id ${scopeFilter(scope, raw('p.contact_id'))}
      WHERE p.contact_id IS NULL
         OR (p.score, p.fit_score, p.behaviour_score, p.engagement_score, p.qualification, p.components)
            IS DISTINCT FROM (c.score, c.fit_score, c.behaviour_score, c.engagement, c.qualification, c.components)
      ON CONFLICT (contact_id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id, score = EXCLUDED.score, fit_score = EXCLUDED.fit_score,
        behaviour_score = EXCLUDED.behaviour_score, engagement_score = EXCLUDED.engagement_score, qualification = EXCLUDED.qualification,
        components = EXCLUDED.components, computed_at = EXCLUDED.computed_at
      WHERE (t.score, t.fit_score, t.behaviour_score, t.engagement_score, t.qualification, t.components)
            IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.fit_score, EXCLUDED.behaviour_score, EXCLUDED.engagement_score, EXCLUDED.qualification, EXCLUDED.components)
      RETURNING t.contact_id, t.score, t.qualification),
    moved AS (
      -- Every part of one statement reads the same snapshot: p is the row as it was before the write.
      SELECT w.contact_id, p.score AS from_score, w.score AS to_score,
             COALESCE(p.qualification::text, 'none') AS from_qualification, w.qualification::text AS to_qualification
      FROM written w LEFT JOIN lead_score p ON p.contact_id = w.contact_id ${scopeFilter(scope, raw('p.contact_id'))}),
    changes AS (
      SELECT contact_id, 1 AS position, 'score.changed' AS topic,
             jsonb_build_object('contactId', contact_id::text, 'model', 'lead', 'field', 'score', 'from', from_score, 'to', to_score) AS payload
      FROM moved WHERE from_score IS DISTINCT FROM to_score
      UNION ALL
      SELECT contact_id, 2, 'lead.qualification_changed',
             jsonb_build_object('contactId', contact_id::text, 'from', from_qualification, 'to', to_qualification)
      FROM moved WHERE from_qualification <> to_qualification)`);
}
