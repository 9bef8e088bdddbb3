import { createHash } from 'node:crypto';
import { Prisma } from '../../prisma/generated/client';

/**
 * Planning, not executing, was most of the engine's database time: the statements a tracked
 * event or a journey step runs are large CTEs over a handful of rows, planned in 1–2 ms and
 * executed in 0.1 (pg_stat_statements on the P2 benchmark: 14.9 ms planning against 5.0 ms
 * executing per event). A statement marked here runs as a named prepared statement on
 * Postgres, so each connection parses it once and, after Postgres's five custom plans, keeps a
 * generic plan (`plan_cache_mode = auto` still replans when the generic plan looks worse).
 *
 * Mark only statements whose plan does not depend on their parameters' values: per-change
 * statements over a list of contacts, lookups by key. Set-based statements over ranges of
 * contacts (a recompute chunk, a sweep) stay unmarked; a generic plan would estimate their
 * ranges blind. PGlite runs every statement unnamed.
 */
const MARK = '/* reused plan */';

/** `statement`, marked so its plan is kept per connection. */
export const reusedPlan = (statement: Prisma.Sql): Prisma.Sql => Prisma.sql`${Prisma.raw(MARK)} ${statement}`;

/**
 * How many statements one connection prepares at most. Statement texts vary with a workspace's
 * settings (each lead-score fit rule is SQL of its own), so with many workspaces the set is
 * open-ended; past the limit a connection runs new texts unnamed rather than holding plans
 * without bound. The engine's own hot statements number a few dozen.
 */
export const PREPARED_PER_CONNECTION = 256;

/**
 * The prepared-statement name for `text` on a connection that has prepared `prepared` already:
 * a digest of the text (the same text gets the same name on every connection, a different one
 * can never collide), or undefined for an unmarked statement or a connection at its limit.
 */
export function preparedStatementName(text: string, prepared: ReadonlySet<string>): string | undefined {
  if (!text.startsWith(MARK)) return undefined;
  const name = `reused_${createHash('sha1').update(text).digest('hex')}`;
  return prepared.has(name) || prepared.size < PREPARED_PER_CONNECTION ? name : undefined;
}
