import type { SqlClient } from '../crm/sql';
import { journeyWorkflowId } from '../../workflows/journey/ids';
import type { ListensCache, Listens } from './listens';
import { Prisma } from '../../prisma/generated/client';
import { reusedPlan } from '../db/reused-plan';

/** A contact's run that is going now, as the enrollment table knows it. */
export interface RunningRun {
  readonly journeyId: string;
  readonly workflowId: string;
  readonly entryKey: string | undefined;
  readonly listens: Listens;
}

interface EnrollmentRow {
  contact_id: string;
  journey_id: string;
  journey_version_id: string;
  entry_key: string | null;
}

/**
 * The running enrollments of these contacts, by contact: the only runs an in-journey event or
 * a data change is signalled to, so an event never reaches (or starts) a journey the contact
 * is not in, and no signal goes to journeys that would ignore it.
 */
export async function runningRunsOf(sql: SqlClient, listensCache: ListensCache, workspaceId: string, contactIds: readonly string[]): Promise<ReadonlyMap<string, readonly RunningRun[]>> {
  const byContact = new Map<string, RunningRun[]>();
  if (contactIds.length === 0) return byContact;
  const rows = await sql.$queryRaw<EnrollmentRow[]>(reusedPlan(Prisma.sql`
    SELECT contact_id::text AS contact_id, journey_id::text AS journey_id, journey_version_id::text AS journey_version_id, entry_key
    FROM journey_enrollment
    WHERE workspace_id = ${workspaceId}::uuid AND contact_id = ANY(${[...contactIds]}::uuid[]) AND status = 'running'`));
  const listens = await listensCache.forVersions(sql, rows.map((row) => row.journey_version_id));
  for (const row of rows) {
    const entryKey = row.entry_key ?? undefined;
    const run: RunningRun = {
      journeyId: row.journey_id,
      workflowId: journeyWorkflowId(row.journey_id, row.contact_id, entryKey),
      entryKey,
      listens: listens.get(row.journey_version_id) ?? { events: 'all', conditions: true },
    };
    const runs = byContact.get(row.contact_id);
    if (runs) runs.push(run);
    else byContact.set(row.contact_id, [run]);
  }
  return byContact;
}
