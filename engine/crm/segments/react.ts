import { contactsWithIds, type ContactScope, type SqlClient } from '../sql';
import type { CompileContext } from './compile';
import { dependency, type DependencyKey } from './dependencies';
import { evaluateSegments } from './evaluate';
import { validateCriteria } from '../../journey/conditions/validate';
import { Prisma } from '../../../prisma/generated/client';
import { reusedPlan } from '../../db/reused-plan';

/** Bounds a cascade of segment-of-segment re-evaluations (saving prevents cycles; this is a backstop). */
const MAX_WAVES = 16;

export interface SegmentReaction {
  /** How many segment evaluations ran. */
  readonly evaluated: number;
  readonly entered: number;
  readonly exited: number;
}

/**
 * Re-evaluates, for the given contacts only, the dynamic segments whose criteria depend on
 * what changed (a GIN lookup on `segment.depends_on`), all of a wave in one statement. A segment whose membership changed
 * touches `segment:<id>`, so segments built on it follow in the next wave.
 */
export async function reactToChange(client: SqlClient, context: CompileContext, contactIds: readonly string[], touched: readonly DependencyKey[]): Promise<SegmentReaction> {
  if (contactIds.length === 0) return { evaluated: 0, entered: 0, exited: 0 };
  return reactToChangeIn(client, context, contactsWithIds(contactIds), touched);
}

/**
 * The same for every contact of a scope: what a batch chunk does, whose scores moved for too
 * many contacts to list (each segment is one set-based statement over the chunk's range).
 */
export async function reactToChangeIn(client: SqlClient, context: CompileContext, scope: ContactScope, touched: readonly DependencyKey[]): Promise<SegmentReaction> {
  let keys = [...new Set(touched)];
  let evaluated = 0;
  let entered = 0;
  let exited = 0;
  for (let wave = 0; wave < MAX_WAVES && keys.length > 0; wave += 1) {
    const segments = await client.$queryRaw<{ id: string; criteria: unknown }[]>(reusedPlan(Prisma.sql`
      SELECT id::text AS id, criteria FROM segment
      WHERE workspace_id = ${context.workspaceId}::uuid AND kind = 'dynamic' AND depends_on && ${keys}::text[]
      ORDER BY created_at, id`));
    // Stored criteria were validated at save; a row edited behind the engine's back is skipped, not fatal.
    const checked = segments.flatMap((segment) => {
      const valid = validateCriteria(segment.criteria);
      return valid.ok ? [{ id: segment.id, criteria: valid.criteria }] : [];
    });
    const diffs = await evaluateSegments(client, context, checked, scope, { source: 'evaluation' });
    const next = new Set<DependencyKey>();
    for (const [segmentId, diff] of diffs) {
      evaluated += 1;
      entered += diff.entered.length;
      exited += diff.exited.length;
      if (diff.entered.length + diff.exited.length > 0) next.add(dependency.segment(segmentId));
    }
    keys = [...next];
  }
  return { evaluated, entered, exited };
}
