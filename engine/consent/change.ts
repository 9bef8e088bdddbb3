import type { PrismaClient } from '../../prisma/generated/client';
import { loadCrmContext } from '../crm/context';
import { applyConsent, type ConsentResult } from './apply';
import type { FlatDecision } from './input';
import type { ConsentProvenance } from './provenance';

/**
 * Records decisions for one contact in a transaction of their own (the consent route, the
 * preference center, SMS keywords, the unsubscribe link). Undefined when the contact is not
 * in the workspace. Writers that change more than consent call `applyConsent` inside theirs.
 */
export async function changeConsent(
  prisma: Pick<PrismaClient, '$transaction' | '$queryRaw'>,
  workspaceId: string,
  contactId: string,
  decisions: readonly FlatDecision[],
  provenance: ConsentProvenance,
): Promise<ConsentResult | undefined> {
  const context = await loadCrmContext(prisma, workspaceId, provenance.at);
  return prisma.$transaction(
    async (tx) => {
      const contact = await tx.contact.findFirst({ where: { id: contactId, workspaceId }, select: { id: true } });
      if (!contact) return undefined;
      return applyConsent(tx, context, contactId, decisions, provenance);
    },
    { timeout: 60_000 },
  );
}
