import type { PrismaClient } from '../../../prisma/generated/client';

export interface PhoneOwner {
  readonly workspaceId: string;
  readonly contactId: string;
}

type Reader = Pick<PrismaClient, 'workspace' | 'contact'>;

/**
 * Every contact, in every workspace, whose phone is the sender's. The engine sends all SMS
 * from one Twilio sender (TWILIO_FROM), and Twilio's block after a STOP is per sender and
 * recipient, so a STOP reaches every workspace this engine texts for: the consent must follow
 * in all of them, and for every contact sharing the number. Phones are stored in E.164
 * (contacts/normalise.ts), so equality is the match. Oldest contact first.
 */
export async function contactsWithPhone(prisma: Reader, phone: string): Promise<PhoneOwner[]> {
  // Naming every workspace lets Postgres use the (workspace_id, phone) index once per
  // workspace instead of scanning every contact for a bare `phone = …`.
  const workspaces = await prisma.workspace.findMany({ select: { id: true } });
  const contacts = await prisma.contact.findMany({
    where: { workspaceId: { in: workspaces.map((workspace) => workspace.id) }, phone },
    select: { id: true, workspaceId: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return contacts.map((contact) => ({ workspaceId: contact.workspaceId, contactId: contact.id }));
}
