import { toJsonColumn } from '../db';
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
  return prisma.$transaction(async (tx) => {
    const existing = await tx.journey.findUnique({ where: { workspaceId_name: { workspaceId, name: draft.name } }, select: { id: true } });
    const journey =
      existing ??
      (await tx.journey.create({ data: { workspaceId, name: draft.name, ...(draft.description !== undefined && { description: draft.description }) }, select: { id: true } }));
    const latest = await tx.journeyVersion.findFirst({ where: { journeyId: journey.id, workspaceId }, orderBy: { version: 'desc' }, select: { id: true, version: true, publishedAt: true } });
    const graph = toJsonColumn(draft);
    if (latest && latest.publishedAt === null) {
      await tx.journeyVersion.update({ where: { id: latest.id }, data: { graph } });
      return { journeyId: journey.id, version: latest.version, created: existing === null };
    }
    const version = (latest?.version ?? 0) + 1;
    await tx.journeyVersion.create({ data: { workspaceId, journeyId: journey.id, version, graph } });
    return { journeyId: journey.id, version, created: existing === null };
  });
}
