import { isUniqueViolation, toJsonColumn } from '../db';
import type { Prisma, PrismaClient } from '../../prisma/generated/client';
import type { JourneyDraftEnvelope } from '../journey/schema';

export interface SavedDraft {
  journeyId: string;
  version: number;
  created: boolean;
}

/** A draft save by journey id (the canvas): expected refusals are values, for the route to word. */
export type DraftSaveResult =
  | { ok: true; journeyId: string; version: number; revision: number; savedAt: Date }
  | { ok: false; reason: 'not_found' }
  /** Someone saved since this revision was loaded: the current one, and when it was saved. */
  | { ok: false; reason: 'stale'; revision: number; changedAt: Date }
  /** `draft.name` is another journey's of the workspace. */
  | { ok: false; reason: 'name_taken' };

export type CreatedJourney = { ok: true; journeyId: string; version: number; revision: number } | { ok: false; reason: 'name_taken' };

/**
 * Saves a draft under its journey (found or created by name in the workspace). The draft goes
 * into the latest version while it is unpublished; once published, a version is never
 * changed again, so the next save opens version n + 1. Journeys as code save this way, without
 * a revision to check (the file is the truth); the save still moves the revision on, so a
 * canvas open on the journey learns its draft is stale.
 */
export async function saveJourneyDraft(prisma: PrismaClient, workspaceId: string, draft: JourneyDraftEnvelope): Promise<SavedDraft> {
  try {
    return await saveOnce(prisma, workspaceId, draft);
  } catch (error) {
    // Two first saves of the same name (or two saves opening version n + 1) raced and this one
    // lost on a unique index. The winner has committed by now, so one more try finds its rows.
    if (!isUniqueViolation(error)) throw error;
    return saveOnce(prisma, workspaceId, draft);
  }
}

function saveOnce(prisma: PrismaClient, workspaceId: string, draft: JourneyDraftEnvelope): Promise<SavedDraft> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.journey.findUnique({ where: { workspaceId_name: { workspaceId, name: draft.name } }, select: { id: true } });
    // The increment also takes the journey's row lock: every draft save of a journey queues here.
    if (existing) await tx.journey.update({ where: { id: existing.id }, data: { draftRevision: { increment: 1 } }, select: { id: true } });
    const journey =
      existing ??
      (await tx.journey.create({ data: { workspaceId, name: draft.name, draftRevision: 1, ...(draft.description !== undefined && { description: draft.description }) }, select: { id: true } }));
    const version = await writeVersion(tx, workspaceId, journey.id, draft);
    return { journeyId: journey.id, version, created: existing === null };
  });
}

/**
 * Saves the canvas's draft into the journey, only if nobody saved since `revision` (the one
 * the canvas loaded): the check and the increment are one conditional UPDATE, so of two saves
 * from the same revision the second waits on the first's row lock, then matches nothing and
 * is refused as stale. A stale save writes nothing. `draft.name` renames the journey.
 */
export async function saveDraftAtRevision(prisma: PrismaClient, workspaceId: string, journeyId: string, draft: JourneyDraftEnvelope, revision: number): Promise<DraftSaveResult> {
  try {
    return await prisma.$transaction(async (tx): Promise<DraftSaveResult> => {
      const claimed = await tx.journey.updateMany({
        where: { id: journeyId, workspaceId, draftRevision: revision },
        data: { draftRevision: { increment: 1 }, name: draft.name, ...(draft.description !== undefined && { description: draft.description }) },
      });
      if (claimed.count === 0) {
        const current = await tx.journey.findFirst({ where: { id: journeyId, workspaceId }, select: { draftRevision: true, updatedAt: true } });
        return current ? { ok: false, reason: 'stale', revision: current.draftRevision, changedAt: current.updatedAt } : { ok: false, reason: 'not_found' };
      }
      const version = await writeVersion(tx, workspaceId, journeyId, draft);
      const saved = await tx.journey.findFirstOrThrow({ where: { id: journeyId, workspaceId }, select: { draftRevision: true, updatedAt: true } });
      return { ok: true, journeyId, version, revision: saved.draftRevision, savedAt: saved.updatedAt };
    });
  } catch (error) {
    // The rename hit the (workspace, name) index. Asked again rather than read from the error,
    // whose shape differs between the database adapters.
    if (isUniqueViolation(error) && (await nameTaken(prisma, workspaceId, draft.name, journeyId))) return { ok: false, reason: 'name_taken' };
    throw error;
  }
}

/** A new journey with the draft as its version 1 (revision 1: one save). */
export async function createJourney(prisma: PrismaClient, workspaceId: string, draft: JourneyDraftEnvelope): Promise<CreatedJourney> {
  try {
    return await prisma.$transaction(async (tx) => {
      const journey = await tx.journey.create({
        data: { workspaceId, name: draft.name, draftRevision: 1, ...(draft.description !== undefined && { description: draft.description }) },
        select: { id: true, draftRevision: true },
      });
      const version = await writeVersion(tx, workspaceId, journey.id, draft);
      return { ok: true as const, journeyId: journey.id, version, revision: journey.draftRevision };
    });
  } catch (error) {
    // A new journey's only unique key that can clash is its name (a concurrent create included).
    if (isUniqueViolation(error)) return { ok: false, reason: 'name_taken' };
    throw error;
  }
}

async function nameTaken(prisma: PrismaClient, workspaceId: string, name: string, journeyId: string): Promise<boolean> {
  return (await prisma.journey.count({ where: { workspaceId, name, id: { not: journeyId } } })) > 0;
}

/** The draft into the latest version while it is unpublished, else into a new version n + 1; returns the version written. */
async function writeVersion(tx: Prisma.TransactionClient, workspaceId: string, journeyId: string, draft: JourneyDraftEnvelope): Promise<number> {
  const latest = await tx.journeyVersion.findFirst({ where: { journeyId, workspaceId }, orderBy: { version: 'desc' }, select: { id: true, version: true, publishedAt: true } });
  const graph = toJsonColumn(draft);
  if (latest && latest.publishedAt === null) {
    // Guarded by publishedAt: a publish that committed since the read above keeps its version intact.
    const updated = await tx.journeyVersion.updateMany({ where: { id: latest.id, publishedAt: null }, data: { graph } });
    if (updated.count === 1) return latest.version;
  }
  const version = (latest?.version ?? 0) + 1;
  await tx.journeyVersion.create({ data: { workspaceId, journeyId, version, graph } });
  return version;
}
