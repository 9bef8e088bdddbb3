import type { Contact, PrismaClient } from '../../prisma/generated/client';

/** The workspace's contact with this id; undefined for any other (never revealing another workspace's). */
export async function findContact(prisma: Pick<PrismaClient, 'contact'>, workspaceId: string, contactId: string): Promise<Contact | undefined> {
  return (await prisma.contact.findFirst({ where: { id: contactId, workspaceId } })) ?? undefined;
}
