import type { SqlClient } from '../crm/sql';
import { readStoredPlan } from '../journey/compile/stored-plan';
import { triggerOf, type LiveJourney } from './trigger-index';
import { Prisma } from '../../prisma/generated/client';
import { reusedPlan } from '../db/reused-plan';


interface VersionRow {
  journey_id: string;
  journey_version_id: string;
  version: number;
  plan: unknown;
}

/**
 * The workspace's active journeys with their latest published version (what new entrants
 * get, as `latestPublishedVersion` defines it), in one query. A stored plan that does not
 * match the plan schema is reported and left out, rather than stopping every other journey.
 */
export async function loadLiveJourneys(sql: SqlClient, workspaceId: string, report: (problem: string) => void): Promise<LiveJourney[]> {
  const rows = await sql.$queryRaw<VersionRow[]>`
    SELECT DISTINCT ON (v.journey_id) v.journey_id::text AS journey_id, v.id::text AS journey_version_id, v.version, v.plan
    FROM journey j JOIN journey_version v ON v.journey_id = j.id AND v.workspace_id = j.workspace_id
    WHERE j.workspace_id = ${workspaceId}::uuid AND j.status = 'active' AND v.published_at IS NOT NULL
    ORDER BY v.journey_id, v.version DESC`;
  const journeys: LiveJourney[] = [];
  for (const row of rows) {
    const stored = readStoredPlan(row.plan);
    if (!stored.ok) {
      report(`journey ${row.journey_id} version ${row.version} has a stored plan that ${stored.problem}; its trigger is ignored`);
      continue;
    }
    const { plan } = stored;
    const trigger = triggerOf(plan);
    if (trigger) journeys.push({ journeyId: row.journey_id, journeyVersionId: row.journey_version_id, version: row.version, plan, trigger });
  }
  return journeys;
}

/**
 * A fingerprint of what the index depends on: each journey's status and the time of its
 * latest publication. Publishing, pausing, resuming and archiving all change it, however the
 * change was written, so a change made by another engine process (or by hand) reaches this
 * one's cache at its next batch. One small query: a workspace has tens of journeys, not millions.
 */
export async function triggerStamp(sql: SqlClient, workspaceId: string): Promise<string> {
  const rows = await sql.$queryRaw<{ stamp: string }[]>(reusedPlan(Prisma.sql`
    SELECT COALESCE(md5(string_agg(j.id::text || ':' || j.status::text || ':' || COALESCE(p.latest::text, '-'), ',' ORDER BY j.id)), '') AS stamp
    FROM journey j
    LEFT JOIN LATERAL (SELECT max(v.published_at) AS latest FROM journey_version v WHERE v.journey_id = j.id) p ON true
    WHERE j.workspace_id = ${workspaceId}::uuid`));
  return rows[0]?.stamp ?? '';
}
