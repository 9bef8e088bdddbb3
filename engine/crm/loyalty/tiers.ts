import { Prisma, type TierBasis } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import { tierChangeReason } from './tier-reason';

// Tier qualification, set-based: one statement decides the tier of every account in scope
// from its program's basis over the program's trailing window, a second applies only the
// changes (upgrades and downgrades alike) with a loyalty_tier_change row each. The same code
// serves one member after an earning and a whole workspace in the nightly recompute.
//
// The window is (now − tierWindowMonths, now]: what happened exactly tierWindowMonths ago has
// lapsed. Months are counted in UTC, like point expiry (months.ts).

const { sql, empty } = Prisma;

export type TierChangedEvent = Extract<CrmChange, { topic: 'loyalty.tier_changed' }>;

export interface TierEvaluation {
  readonly workspaceId: string;
  readonly now: Date;
  /** One program; every active program of the workspace when absent. */
  readonly programId?: string;
  /** These contacts' accounts; every account when absent. */
  readonly contactIds?: readonly string[];
  /** Or the accounts of a scope's contacts (a batch chunk's range). */
  readonly contacts?: ContactScope;
}

interface DecisionRow {
  account_id: string;
  contact_id: string;
  program_id: string;
  basis: TierBasis;
  window_months: number;
  amount: string;
  from_tier_id: string | null;
  to_tier_id: string | null;
  to_tier_name: string | null;
  to_threshold: string | null;
  lowest_tier_name: string | null;
  lowest_threshold: string | null;
}

/**
 * Re-qualifies accounts and records every tier change; returns the `loyalty.tier_changed`
 * events (the caller appends them to the outbox in its transaction, as with every CRM
 * computation). Only active programs' accounts are evaluated: an inactive program is frozen.
 * Re-running with the same data and clock changes nothing.
 */
export async function evaluateTiers(client: SqlClient, evaluation: TierEvaluation): Promise<TierChangedEvent[]> {
  const decisions = await decideTiers(client, evaluation);
  if (decisions.length === 0) return [];
  const changes = decisions.map((row) => ({
    accountId: row.account_id,
    contactId: row.contact_id,
    programId: row.program_id,
    fromTierId: row.from_tier_id,
    toTierId: row.to_tier_id,
    reason: tierChangeReason({
      basis: row.basis,
      windowMonths: row.window_months,
      amount: row.amount,
      tier:
        row.to_tier_name !== null && row.to_threshold !== null
          ? { name: row.to_tier_name, threshold: row.to_threshold, reached: true }
          : { name: row.lowest_tier_name ?? 'any tier', threshold: row.lowest_threshold ?? '0', reached: false },
    }),
  }));
  const applied = new Set(await applyTierChanges(client, evaluation, changes));
  return changes
    .filter((change) => applied.has(change.accountId))
    .map(({ contactId, programId, fromTierId, toTierId, reason }) => ({ topic: 'loyalty.tier_changed', contactId, programId, fromTierId, toTierId, reason }));
}

/**
 * The accounts whose tier should change: the qualifying amount by basis (points earned in the
 * window; spend and count of paid or fulfilled orders in the workspace currency, as every CRM
 * score counts purchases), the highest-ranked tier whose threshold it reaches, and the
 * lowest-threshold tier (to explain a fall below every tier).
 */
async function decideTiers(client: SqlClient, evaluation: TierEvaluation): Promise<DecisionRow[]> {
  const { workspaceId, now } = evaluation;
  const programFilter = evaluation.programId === undefined ? empty : sql`AND a.program_id = ${evaluation.programId}::uuid`;
  const contactFilter = sql`${evaluation.contactIds === undefined ? empty : sql`AND a.contact_id = ANY(${[...evaluation.contactIds]}::uuid[])`}
    ${evaluation.contacts === undefined ? empty : scopeFilter(evaluation.contacts, Prisma.raw('a.contact_id'))}`;
  const countedOrders = sql`FROM "order" o
    WHERE o.workspace_id = ${workspaceId}::uuid AND o.contact_id = s.contact_id AND o.status IN ('paid', 'fulfilled')
      AND o.currency = s.currency AND o.placed_at > s.window_start AND o.placed_at <= ${now}::timestamptz`;
  return client.$queryRaw<DecisionRow[]>(sql`
    WITH scoped AS (
      SELECT a.id AS account_id, a.contact_id, a.program_id, a.tier_id AS current_tier_id,
             p.tier_basis, p.tier_window_months, w.currency,
             ((${now}::timestamptz AT TIME ZONE 'UTC') - make_interval(months => p.tier_window_months)) AT TIME ZONE 'UTC' AS window_start
      FROM loyalty_account a
      JOIN loyalty_program p ON p.id = a.program_id AND p.workspace_id = ${workspaceId}::uuid AND p.active
      JOIN workspace w ON w.id = a.workspace_id
      WHERE a.workspace_id = ${workspaceId}::uuid ${programFilter} ${contactFilter}),
    qualifying AS (
      SELECT s.*,
             (CASE s.tier_basis
                WHEN 'points' THEN (SELECT COALESCE(sum(t.points), 0) FROM loyalty_transaction t
                                    WHERE t.account_id = s.account_id AND t.type = 'earned' AND t.points > 0
                                      AND t.occurred_at > s.window_start AND t.occurred_at <= ${now}::timestamptz)
                WHEN 'spend' THEN (SELECT COALESCE(sum(o.amount), 0) ${countedOrders})
                ELSE (SELECT count(*) ${countedOrders})
              END)::numeric AS amount
      FROM scoped s)
    SELECT q.account_id::text AS account_id, q.contact_id::text AS contact_id, q.program_id::text AS program_id,
           q.tier_basis::text AS basis, q.tier_window_months AS window_months, q.amount::text AS amount,
           q.current_tier_id::text AS from_tier_id, reached.id::text AS to_tier_id, reached.name AS to_tier_name,
           reached.threshold::text AS to_threshold, lowest.name AS lowest_tier_name, lowest.threshold::text AS lowest_threshold
    FROM qualifying q
    LEFT JOIN LATERAL (SELECT t.id, t.name, t.threshold FROM loyalty_tier t
                       WHERE t.program_id = q.program_id AND t.threshold <= q.amount ORDER BY t.rank DESC LIMIT 1) reached ON true
    LEFT JOIN LATERAL (SELECT t.name, t.threshold FROM loyalty_tier t
                       WHERE t.program_id = q.program_id ORDER BY t.threshold ASC, t.rank ASC LIMIT 1) lowest ON true
    WHERE reached.id IS DISTINCT FROM q.current_tier_id
    ORDER BY q.account_id`);
}

interface TierChange {
  readonly accountId: string;
  readonly fromTierId: string | null;
  readonly toTierId: string | null;
  readonly reason: string;
}

/**
 * Moves the accounts and writes their history in one statement. An account is moved only
 * while it still holds the tier the decision started from, so two evaluations racing on it
 * record the change once. Returns the ids of the accounts moved.
 */
async function applyTierChanges(client: SqlClient, evaluation: TierEvaluation, changes: readonly TierChange[]): Promise<string[]> {
  const decided = JSON.stringify(changes.map(({ accountId, fromTierId, toTierId, reason }) => ({ accountId, fromTierId, toTierId, reason })));
  const rows = await client.$queryRaw<{ account_id: string }[]>`
    WITH decided AS (
      SELECT * FROM jsonb_to_recordset(${decided}::jsonb)
        AS d("accountId" uuid, "fromTierId" uuid, "toTierId" uuid, reason text)),
    moved AS (
      UPDATE loyalty_account a SET tier_id = d."toTierId", updated_at = now()
      FROM decided d
      WHERE a.id = d."accountId" AND a.workspace_id = ${evaluation.workspaceId}::uuid AND a.tier_id IS NOT DISTINCT FROM d."fromTierId"
      RETURNING a.id, d."fromTierId", d."toTierId", d.reason)
    -- The history comes straight from what was moved: no join of two CTEs, whose row counts
    -- the planner cannot estimate (it would pick a nested loop, quadratic in the batch).
    INSERT INTO loyalty_tier_change (id, workspace_id, account_id, from_tier_id, to_tier_id, reason, occurred_at)
    SELECT gen_random_uuid(), ${evaluation.workspaceId}::uuid, m.id, m."fromTierId", m."toTierId", m.reason, ${evaluation.now}::timestamptz
    FROM moved m
    RETURNING account_id::text AS account_id`;
  return rows.map((row) => row.account_id);
}
