import { isUniqueViolation, toJsonColumn } from '../db';
import type { PrismaClient } from '../../prisma/generated/client';
import type { JourneyDraftEnvelope } from '../journey/schema';

export interface SavedDraft {
  journeyId: string;
  version: number;
  created: boolean;
}

/**
 * Saves a draft under its journey (found or created by name in the workspace). The draft goes
 * into the latest version while it is unpublished; once published, a version is never
 * changed again, so the next save opens version n + 1.
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
    const journey =
      existing ??
      (await tx.journey.create({ data: { workspaceId, name: draft.name, ...(draft.description !== undefined && { description: draft.description }) }, select: { id: true } }));
    const latest = await tx.journeyVersion.findFirst({ where: { journeyId: journey.id, workspaceId }, orderBy: { version: 'desc' }, select: { id: true, version: true, publishedAt: true } });
    const graph = toJsonColumn(draft);
    if (latest && latest.publishedAt === null) {
      // Guarded by publishedAt: a publish that committed since the read above keeps its version intact.
      const updated = await tx.journeyVersion.updateMany({ where: { id: latest.id, publishedAt: null }, data: { graph } });
      if (updated.count === 1) return { journeyId: journey.id, version: latest.version, created: existing === null };
    }
    const version = (latest?.version ?? 0) + 1;
    await tx.journeyVersion.create({ data: { workspaceId, journeyId: journey.id, version, graph } });
    return { journeyId: journey.id, version, created: existing === null };
  });
}
