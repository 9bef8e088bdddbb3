import type { PrismaClient } from '../../prisma/generated/client';
import { toJsonColumn } from '../db';
import { journeyTriggersChanged } from '../dispatcher/invalidation';
import { compileJourney, type ActionCatalog, type CompileIssue } from '../journey/compile';
import type { JourneyPlan } from '../journey/schema';
import { latestPublishedVersion } from './published';

export type PublishResult =
  | { ok: true; journeyVersionId: string; version: number; plan: JourneyPlan; alreadyPublished: boolean }
  | { ok: false; reason: 'not_found' | 'no_draft' }
  | { ok: false; reason: 'invalid'; issues: CompileIssue[] };

/**
 * Compiles the journey's latest version and publishes it: the plan and publication time are
 * written together with the journey's `active` status (for a draft journey), in one transaction. Running contacts
 * keep the plan they started with; new entrants get this one. Publishing twice is a no-op.
 */
export async function publishJourney(prisma: PrismaClient, catalog: ActionCatalog, workspaceId: string, journeyId: string): Promise<PublishResult> {
  const journey = await prisma.journey.findFirst({ where: { id: journeyId, workspaceId }, select: { id: true } });
  if (!journey) return { ok: false, reason: 'not_found' };
  const latest = await prisma.journeyVersion.findFirst({ where: { journeyId, workspaceId }, orderBy: { version: 'desc' } });
  if (!latest) return { ok: false, reason: 'no_draft' };
  if (latest.publishedAt !== null) return alreadyPublished(prisma, workspaceId, journeyId);

  const compiled = compileJourney(latest.graph, catalog);
  if (!compiled.ok) return { ok: false, reason: 'invalid', issues: compiled.issues };
  const published = await prisma.$transaction(async (tx) => {
    // Only an unpublished version may take a plan: a concurrent publish of the same version loses here.
    const updated = await tx.journeyVersion.updateMany({ where: { id: latest.id, workspaceId, publishedAt: null }, data: { plan: toJsonColumn(compiled.plan), publishedAt: new Date() } });
    // A first publish makes a draft active; a paused or archived journey keeps its status (a
    // new version must not quietly undo a pause): resume it to take entries again.
    if (updated.count === 1) await tx.journey.updateMany({ where: { id: journeyId, status: 'draft' }, data: { status: 'active' } });
    return updated.count === 1;
  });
  // New entrants get this version from now on: the dispatcher's cached triggers are stale.
  if (published) journeyTriggersChanged(workspaceId);
  return published ? { ok: true, journeyVersionId: latest.id, version: latest.version, plan: compiled.plan, alreadyPublished: false } : alreadyPublished(prisma, workspaceId, journeyId);
}

/**
 * The version that is already live, with its stored plan: it is not compiled again, since the
 * action catalog may have changed since and a published version never changes.
 */
async function alreadyPublished(prisma: PrismaClient, workspaceId: string, journeyId: string): Promise<PublishResult> {
  const live = await latestPublishedVersion(prisma, workspaceId, journeyId);
  if (!live) return { ok: false, reason: 'no_draft' };
  return { ok: true, ...live, alreadyPublished: true };
}
