import type { PrismaClient } from '../../../prisma/generated/client';
import { allContacts, type SqlClient } from '../sql';
import type { CompileContext } from './compile';
import type { Criteria } from '../../journey/conditions/language';
import { dependenciesOf } from './dependencies';
import { evaluateSegment, type MembershipDiff } from './evaluate';
import { validateCriteria, type CriteriaIssue } from '../../journey/conditions/validate';

export class InvalidSegmentError extends Error {
  override readonly name = 'InvalidSegmentError';
  constructor(readonly issues: CriteriaIssue[]) {
    super(`segment criteria are invalid: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
  }
}

export interface SegmentInput {
  readonly name: string;
  readonly description?: string;
  readonly kind: 'static' | 'dynamic';
  /** Required for dynamic segments; ignored for static ones. */
  readonly criteria?: unknown;
}

type Db = Pick<PrismaClient, '$transaction'>;

/**
 * Creates or replaces a segment by name, then evaluates a dynamic one over the whole
 * workspace, in one transaction: the criteria, what they depend on, the membership and its
 * history, and the entry/exit events all commit together.
 */
export async function saveSegment(prisma: Db, context: CompileContext, input: SegmentInput): Promise<{ id: string; diff: MembershipDiff }> {
  const criteria = input.kind === 'dynamic' ? checkedCriteria(input.criteria) : undefined;
  const dependencies = criteria && dependenciesOf(criteria);
  return prisma.$transaction(async (tx) => {
    if (dependencies) await assertReferences(tx, context.workspaceId, input.name, dependencies.segmentIds);
    const data = {
      description: input.description ?? null,
      kind: input.kind,
      criteria: criteria ?? undefined,
      dependsOn: dependencies?.keys ?? [],
      timeBased: dependencies?.timeBased ?? false,
    };
    const segment = await tx.segment.upsert({
      where: { workspaceId_name: { workspaceId: context.workspaceId, name: input.name } },
      create: { workspaceId: context.workspaceId, name: input.name, ...data },
      update: data,
      select: { id: true },
    });
    const diff = criteria ? await evaluateSegment(tx, context, { id: segment.id, criteria }, allContacts, { source: 'criteria_changed' }) : { entered: [], exited: [] };
    return { id: segment.id, diff };
  }, { timeout: 120_000 });
}

export function checkedCriteria(value: unknown): Criteria {
  if (value === undefined || value === null) throw new InvalidSegmentError([{ path: 'criteria', message: 'a dynamic segment needs criteria' }]);
  const result = validateCriteria(value);
  if (!result.ok) throw new InvalidSegmentError(result.issues.map((issue) => ({ ...issue, path: `criteria.${issue.path}` })));
  return result.criteria;
}

/** Referenced segments must exist in the workspace, and no chain of references may lead back here. */
async function assertReferences(tx: SqlClient & Pick<PrismaClient, 'segment'>, workspaceId: string, name: string, segmentIds: string[]): Promise<void> {
  if (segmentIds.length === 0) return;
  const found = await tx.segment.findMany({ where: { workspaceId, id: { in: segmentIds } }, select: { id: true } });
  const missing = segmentIds.filter((id) => !found.some((segment) => segment.id === id));
  if (missing.length > 0) throw new InvalidSegmentError(missing.map((id) => ({ path: 'criteria', message: `segment ${id} does not exist in this workspace` })));
  // Everything the referenced segments reach, transitively; this segment must not be among them.
  const reached = await tx.$queryRaw<{ name: string }[]>`
    WITH RECURSIVE reach(id) AS (
      SELECT unnest(${segmentIds}::uuid[])
      UNION
      SELECT substr(key, 9)::uuid FROM reach JOIN segment s ON s.id = reach.id, unnest(s.depends_on) AS key WHERE key LIKE 'segment:%')
    SELECT s.name FROM reach JOIN segment s ON s.id = reach.id WHERE s.workspace_id = ${workspaceId}::uuid`;
  if (reached.some((row) => row.name === name)) throw new InvalidSegmentError([{ path: 'criteria', message: `segment "${name}" would depend on itself through segment conditions` }]);
}
