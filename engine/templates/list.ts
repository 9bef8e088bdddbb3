import type { MessageTemplate, PrismaClient } from '../../prisma/generated/client';

export const MAX_PAGE_SIZE = 200;

export interface TemplateListing {
  readonly channel?: 'email' | 'sms';
  readonly limit: number;
  /** The last id of the previous page (the route decodes the opaque cursor). */
  readonly afterId?: string;
}

/** A page of the workspace's templates in id order (stable while templates are added), and whether more follow. */
export async function listTemplates(prisma: Pick<PrismaClient, 'messageTemplate'>, workspaceId: string, listing: TemplateListing): Promise<{ templates: MessageTemplate[]; more: boolean }> {
  const limit = Math.min(Math.max(Math.trunc(listing.limit), 1), MAX_PAGE_SIZE);
  const rows = await prisma.messageTemplate.findMany({
    where: { workspaceId, ...(listing.channel && { channel: listing.channel }), ...(listing.afterId !== undefined && { id: { gt: listing.afterId } }) },
    orderBy: { id: 'asc' },
    take: limit + 1,
  });
  return { templates: rows.slice(0, limit), more: rows.length > limit };
}
