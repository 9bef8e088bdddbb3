import type { PrismaClient } from '../../../prisma/generated/client';
import { dependencyTouchedBy } from '../changes/dependency-touched';
import { AnnouncedChanges, announceChanges } from '../changes/delivery';
import { appendToOutbox } from '../changes/outbox';
import { fitClvModels } from '../clv/models';
import { loadCrmContext, type CrmContext } from '../context';
import { evaluateTiers, expirePointsWithin } from '../loyalty';
import { scoreScope } from '../scores/score-contacts';
import { dependency } from '../segments/dependencies';
import { evaluateSegment } from '../segments/evaluate';
import { reactToChange, reactToChangeIn } from '../segments/react';
import { validateCriteria } from '../../journey/conditions/validate';
import { allContacts, contactsInRange, type SqlClient } from '../sql';
import { LAST_ID, planChunks, type ChunkRange } from './chunk-plan';
import { storeChunkOrderFacts } from './chunk-order-facts';
import { workspacePreparations } from './preparations';

// The batch recompute of a workspace, in three resumable phases the recompute workflow calls
// as activities: prepare (fit the workspace-wide models once, expire lapsed loyalty points, plan
// the chunks), score the chunks (planned ranges side by side, or, for runs started before
// planning, chunk after chunk in id order), then finish (sweep time-based segments, mark the run
// done).
//
// A chunk is a range of ids, (after, through], and one transaction: its orders are read once
// into the chunk's order facts, every score and stage is a set-based statement over the range
// that writes only the rows whose values moved and appends their change events to the outbox
// itself, then loyalty tiers, the segments that read what moved (over the range) and the run's
// progress. All of it commits together, so a retried or resumed chunk redoes nothing twice.

/**
 * Memory for the chunk's sorts and hashes (the order facts of 100,000 contacts, their joins):
 * Postgres' default of 4 MB would spill them to disk. Local to the chunk's transaction.
 */
const CHUNK_WORK_MEM = '128MB';

/**
 * No JIT compilation in a chunk: its statements are large, each expression-heavy and run once,
 * so Postgres' cost model turns on LLVM inlining and optimisation, which spent 1.2 s compiling
 * the lead score's statement (a quarter of it) and never won that back over 100,000 rows.
 */
const CHUNK_JIT = 'off';

type Db = Pick<PrismaClient, '$transaction' | '$queryRaw' | '$executeRaw' | 'workspace' | 'scoreRecomputeRun' | 'contact'>;

export interface PreparedRun {
  readonly runId: string;
  readonly totalContacts: number;
  /** The run's chunks when a chunk size was given: ranges that can be scored side by side. */
  readonly chunks?: ChunkRange[];
}

export async function prepareRecompute(prisma: Db, input: { workspaceId: string; runId?: string; trigger: string; now: Date; chunkSize?: number }): Promise<PreparedRun> {
  const context = await loadCrmContext(prisma, input.workspaceId, input.now);
  await fitClvModels(prisma, context);
  for (const prepare of workspacePreparations) await prepare(prisma, context);
  await expireLoyaltyPoints(prisma, context);
  const totalContacts = await prisma.contact.count({ where: { workspaceId: input.workspaceId } });
  const run = input.runId
    ? await prisma.scoreRecomputeRun.update({ where: { id: input.runId }, data: { totalContacts, status: 'running' }, select: { id: true } })
    : await prisma.scoreRecomputeRun.create({ data: { workspaceId: input.workspaceId, trigger: input.trigger, totalContacts, startedAt: input.now }, select: { id: true } });
  if (input.chunkSize === undefined) return { runId: run.id, totalContacts };
  return { runId: run.id, totalContacts, chunks: await planChunks(prisma, input.workspaceId, input.chunkSize) };
}

export interface ChunkResult {
  /** Contacts scored in this chunk; fewer than the limit means the run is through. */
  readonly count: number;
  /** The last contact id done: where the next chunk starts. */
  readonly cursor: string | null;
  readonly changes: number;
}

/**
 * Scores one chunk: the next `limit` contacts after the cursor (`after`), or, with `through`,
 * exactly the planned range (after, through] (through null: to the last contact), which may run
 * beside the run's other planned ranges.
 */
export async function recomputeChunk(prisma: Db, input: { workspaceId: string; runId: string; after: string | null; through?: string | null; limit: number; now: Date }): Promise<ChunkResult> {
  const context = await loadCrmContext(prisma, input.workspaceId, input.now);
  const planned = input.through !== undefined;
  return prisma.$transaction(async (tx) => {
    const range = input.through === undefined ? await nextRange(tx, input) : await plannedRange(tx, input.workspaceId, { after: input.after, through: input.through });
    if (range === null) return { count: 0, cursor: input.after, changes: 0 };
    const scope = contactsInRange(input.after, range.through);
    await tx.$executeRaw`SELECT set_config('work_mem', ${CHUNK_WORK_MEM}, true), set_config('jit', ${CHUNK_JIT}, true)`;
    const facts = await storeChunkOrderFacts(tx, context, scope);
    const announced = new AnnouncedChanges();
    await scoreScope(tx, context, scope, { facts, delivery: announceChanges(announced) });
    // Tiers after scores: a tier qualified by spend or purchases reads the same orders.
    const tierChanges = await evaluateTiers(tx, { workspaceId: input.workspaceId, now: input.now, contacts: scope });
    await appendToOutbox(tx, input.workspaceId, tierChanges);
    const touched = [...new Set([...announced.examples, ...tierChanges].map(dependencyTouchedBy))];
    await reactToChangeIn(tx, context, scope, touched);
    if (planned) {
      // Ranges finish in any order: each is counted once, by its end, even when redone after a lost reply.
      await tx.$executeRaw`
        UPDATE score_recompute_run SET processed_contacts = processed_contacts + ${range.count}::int,
          completed_chunks = array_append(completed_chunks, ${range.through}::text)
        WHERE id = ${input.runId}::uuid AND NOT (${range.through}::text = ANY(completed_chunks))`;
    } else {
      // Progress is counted from the cursor, not incremented: a chunk redone after a lost reply counts once.
      await tx.$executeRaw`
        UPDATE score_recompute_run SET cursor = ${range.through}::uuid,
          processed_contacts = (SELECT count(*)::int FROM contact WHERE workspace_id = ${input.workspaceId}::uuid AND id <= ${range.through}::uuid)
        WHERE id = ${input.runId}::uuid`;
    }
    return { count: range.count, cursor: range.through, changes: announced.total + tierChanges.length };
  }, { timeout: 600_000 });
}

/** A planned range: how many contacts it holds now, and its end (the highest id for an open end). */
async function plannedRange(client: SqlClient, workspaceId: string, range: ChunkRange): Promise<{ count: number; through: string }> {
  const through = range.through ?? LAST_ID;
  const [row] = await client.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM contact
    WHERE workspace_id = ${workspaceId}::uuid AND (${range.after}::uuid IS NULL OR id > ${range.after}::uuid) AND id <= ${through}::uuid`;
  return { count: row?.count ?? 0, through };
}

/** The next `limit` contacts after the cursor, as a range: how many, and the last id. */
async function nextRange(client: SqlClient, input: { workspaceId: string; after: string | null; limit: number }): Promise<{ count: number; through: string } | null> {
  const [row] = await client.$queryRaw<{ count: number; through: string | null }[]>`
    WITH next AS (
      SELECT id FROM contact WHERE workspace_id = ${input.workspaceId}::uuid AND (${input.after}::uuid IS NULL OR id > ${input.after}::uuid)
      ORDER BY id LIMIT ${input.limit}::int)
    SELECT (SELECT count(*)::int FROM next) AS count, (SELECT id::text FROM next ORDER BY id DESC LIMIT 1) AS through`;
  return row && row.through !== null ? { count: row.count, through: row.through } : null;
}

/**
 * Points whose expiry has passed are expired before scoring (so tiers qualified by points see
 * the balance that is left), and the segments that read loyalty follow for the contacts that
 * lost points, in the same transaction. Re-running on the same day expires nothing twice.
 */
async function expireLoyaltyPoints(prisma: Db, context: CrmContext): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const expired = await expirePointsWithin(tx, { workspaceId: context.workspaceId, now: context.now });
    if (expired.contactIds.length > 0) await reactToChange(tx, context, expired.contactIds, [dependency.loyalty]);
  }, { maxWait: 10_000, timeout: 600_000 });
}

export async function finishRecompute(prisma: Db, input: { workspaceId: string; runId: string; now: Date }): Promise<{ swept: number }> {
  const context = await loadCrmContext(prisma, input.workspaceId, input.now);
  const swept = await sweepTimeBasedSegments(prisma, context);
  await prisma.scoreRecomputeRun.update({ where: { id: input.runId }, data: { status: 'completed', finishedAt: input.now } });
  return { swept };
}

export async function failRecompute(prisma: Db, input: { runId: string; error: string; now: Date }): Promise<void> {
  await prisma.scoreRecomputeRun.update({ where: { id: input.runId }, data: { status: 'failed', error: input.error.slice(0, 1_000), finishedAt: input.now } });
}

/**
 * Segments whose membership moves with time alone ("no order in 90 days") are re-evaluated over
 * the whole workspace, one set-based statement each, each in its own transaction; so are
 * segments never evaluated (written by an import or the demo seed rather than saved).
 */
export async function sweepTimeBasedSegments(prisma: Db, context: CrmContext): Promise<number> {
  const segments = await prisma.$queryRaw<{ id: string; criteria: unknown }[]>`
    SELECT id::text AS id, criteria FROM segment WHERE workspace_id = ${context.workspaceId}::uuid AND kind = 'dynamic' AND (time_based OR evaluated_at IS NULL) ORDER BY created_at, id`;
  for (const segment of segments) {
    const checked = validateCriteria(segment.criteria);
    if (!checked.ok) continue;
    await prisma.$transaction(async (tx) => {
      const diff = await evaluateSegment(tx, context, { id: segment.id, criteria: checked.criteria }, allContacts, { source: 'sweep' });
      const moved = [...diff.entered, ...diff.exited];
      // Segments built on this one follow for the contacts that moved.
      if (moved.length > 0) await reactToChange(tx, context, moved, [dependency.segment(segment.id)]);
    }, { timeout: 600_000 });
  }
  return segments.length;
}
