import { hashedSuppressionAddress } from '../../activities/sending';
import type { Prisma } from '../../prisma/generated/client';
import type { ContactAddress } from './addresses';

/**
 * Keeps an erased contact's addresses from being mailed or texted again without keeping the
 * addresses: each is suppressed under its hash (the send-time check looks for both forms),
 * and suppressions stored in clear for it (a bounce, a complaint) are replaced by the hash.
 * The reason is "manual": the erasure was requested, it is no delivery failure.
 * Returns the channels now suppressed.
 */
export async function suppressErasedAddresses(tx: Prisma.TransactionClient, workspaceId: string, addresses: readonly ContactAddress[]): Promise<ContactAddress['channel'][]> {
  for (const { channel, address } of addresses) {
    await tx.suppression.deleteMany({ where: { workspaceId, channel, address } });
    await tx.suppression.createMany({ data: [{ workspaceId, channel, address: hashedSuppressionAddress(workspaceId, channel, address), reason: 'manual' }], skipDuplicates: true });
  }
  return addresses.map((entry) => entry.channel);
}
