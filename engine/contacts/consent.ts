import type { Channel, PrismaClient } from '../../prisma/generated/client';

/**
 * Records a withdrawal of marketing consent for a channel: the current state and its history
 * entry are written together. Idempotent in effect (withdrawing twice leaves it withdrawn,
 * with both requests in the history, as regulators expect). False for an unknown contact.
 */
export async function withdrawMarketingConsent(
  prisma: PrismaClient,
  change: { workspaceId: string; contactId: string; channel: Channel; source: string; ipAddress?: string; at: Date },
): Promise<boolean> {
  const contact = await prisma.contact.findFirst({ where: { id: change.contactId, workspaceId: change.workspaceId }, select: { id: true } });
  if (!contact) return false;
  const key = { contactId: change.contactId, channel: change.channel, messageType: 'marketing' as const };
  await prisma.$transaction([
    prisma.consent.upsert({
      where: { contactId_channel_messageType: key },
      create: { ...key, workspaceId: change.workspaceId, status: 'withdrawn', source: change.source, updatedAt: change.at },
      update: { status: 'withdrawn', source: change.source, updatedAt: change.at },
    }),
    prisma.consentEvent.create({
      data: { ...key, workspaceId: change.workspaceId, status: 'withdrawn', source: change.source, ipAddress: change.ipAddress ?? null, occurredAt: change.at },
    }),
  ]);
  return true;
}
