import { Prisma, type PrismaClient } from '../../../prisma/generated/client';
import { loadCrmContext, type CrmContext } from '../context';
import { dependency, type DependencyKey } from '../segments/dependencies';
import { reactToChange, type SegmentReaction } from '../segments/react';
import type { SqlClient } from '../sql';
import { appendToOutbox } from './outbox';
import { dependencyTouchedBy } from './dependency-touched';
import type { CrmChange } from './topics';
import { reusedPlan } from '../../db/reused-plan';

/** Recomputes the per-contact scores and stages reading what was touched; returns their change events. */
export type ContactScorer = (client: SqlClient, context: CrmContext, contactIds: readonly string[], touched: readonly DependencyKey[], created: readonly string[]) => Promise<CrmChange[]>;

export interface ContactChange {
  readonly workspaceId: string;
  readonly contactIds: readonly string[];
  /** What changed, as dependency keys: `contact:email`, `event:Added to Cart`, `order`, `consent:sms`... */
  readonly touched: readonly DependencyKey[];
  /** Contacts the change created: everything about them is new, so every score runs for them. */
  readonly created?: readonly string[];
  readonly now: Date;
}

export interface ContactChangeResult {
  readonly changes: CrmChange[];
  readonly segments: SegmentReaction;
}

/** Changes that move scores: purchases and behaviour feed RFM, CLV, churn, engagement, lead and health. */
const movesScores = (touched: readonly DependencyKey[]): boolean =>
  touched.some((key) => key === dependency.order || key.startsWith('event:') || key.startsWith('score:') || key.startsWith('contact:'));

/**
 * The one path a change to a contact takes through the CRM, inside the caller's transaction
 * (so the change, the scores, the memberships and their outbox entries commit together):
 * recompute the scores it can move, then re-evaluate only the segments that depend on what
 * changed, then announce every change. A per-contact advisory lock serialises two changes to
 * the same contact, so an evaluation never works from a snapshot older than the one before it.
 */
export async function applyContactChange(client: SqlClient, change: ContactChange, context: CrmContext, scorer?: ContactScorer): Promise<ContactChangeResult> {
  const contactIds = await lockContactsForChange(client, change.contactIds);
  const touched = new Set(change.touched);
  const created = change.created ?? [];
  const changes = scorer && (movesScores(change.touched) || created.length > 0) ? await scorer(client, context, contactIds, change.touched, created) : [];
  for (const scoreChange of changes) touched.add(dependencyTouchedBy(scoreChange));
  await appendToOutbox(client, change.workspaceId, changes);
  const segments = await reactToChange(client, context, contactIds, [...touched]);
  return { changes, segments };
}

/**
 * Takes the contacts' CRM locks (advisory, transaction-scoped, in id order; re-entrant, so
 * applyContactChange taking them again later is free). Every writer takes them BEFORE it
 * locks or writes a contact row: rescoring inside applyContactChange updates the contact row,
 * so a writer holding the row and then waiting for the lock could deadlock with a change
 * holding them the other way round. Returns the ids, de-duplicated and sorted.
 */
export async function lockContactsForChange(client: SqlClient, contactIds: readonly string[]): Promise<string[]> {
  const sorted = [...new Set(contactIds)].sort();
  if (sorted.length === 0) return sorted;
  // One statement for all: the sorted subquery is scanned in order, so the locks are taken in id order.
  const keys = sorted.map((contactId) => `crm:${contactId}`);
  await client.$queryRaw(reusedPlan(Prisma.sql`SELECT count(pg_advisory_xact_lock(hashtextextended(k.key, 0)))::int AS locked FROM (SELECT key FROM unnest(${keys}::text[]) AS key ORDER BY key COLLATE "C") AS k`));
  return sorted;
}

/** Runs `applyContactChange` in its own transaction, for callers that changed the data already. */
export async function contactChanged(prisma: Pick<PrismaClient, '$transaction' | '$queryRaw'>, change: ContactChange, scorer?: ContactScorer): Promise<ContactChangeResult> {
  const context = await loadCrmContext(prisma, change.workspaceId, change.now);
  return prisma.$transaction((tx) => applyContactChange(tx, change, context, scorer), { timeout: 60_000 });
}
