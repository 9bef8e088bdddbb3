import type { ConsentStatus, PrismaClient } from '../../../prisma/generated/client';
import { lockContactsForChange } from '../../crm/changes/contact-changed';
import { loadCrmContext } from '../../crm/context';
import { applyConsent } from '../apply';
import type { FlatDecision } from '../input';
import { lockContactSends } from '../lock';
import type { ConsentProvenance } from '../provenance';
import type { ConfirmationSubject } from './confirm-token';

const CONFIRM: FlatDecision = { target: { kind: 'channel', channel: 'email', purpose: 'marketing' }, decision: 'granted', field: 'consent.email.marketing' };

/**
 * - `confirmed`: the pending grant is now granted (source `double_opt_in`);
 * - `already`: it was granted before (a second click, a link scanner that posts): nothing written;
 * - `not_pending`: the contact withdrew, or never asked, since: a confirmation link must not
 *   re-subscribe someone who left;
 * - `gone`: the contact was erased or the request is not this contact's.
 */
export type ConfirmationResult = 'confirmed' | 'already' | 'not_pending' | 'gone';

/**
 * Follows a confirmation link. The state is read under the contact's locks, which every
 * consent change takes too, so two clicks at once confirm once and a withdrawal that lands
 * first is never overturned.
 */
export async function confirmSubscription(
  prisma: Pick<PrismaClient, '$transaction' | '$queryRaw'>,
  subject: ConfirmationSubject,
  proof: Pick<ConsentProvenance, 'ipAddress' | 'userAgent'>,
  at: Date,
): Promise<ConfirmationResult> {
  const { workspaceId, contactId, requestId } = subject;
  const context = await loadCrmContext(prisma, workspaceId, at);
  return prisma.$transaction(
    async (tx) => {
      const request = await tx.consentEvent.findFirst({ where: { id: requestId, workspaceId, contactId, channel: 'email', messageType: 'marketing', status: 'pending' }, select: { id: true } });
      if (!request) return 'gone';
      // In applyConsent's order (CRM lock, then send lock), so this never deadlocks with another change.
      await lockContactsForChange(tx, [contactId]);
      await lockContactSends(tx, contactId);
      const current = await tx.consent.findUnique({ where: { contactId_channel_messageType: { contactId, channel: 'email', messageType: 'marketing' } }, select: { status: true } });
      const status: ConsentStatus | undefined = current?.status;
      if (status === 'granted') return 'already';
      if (status !== 'pending') return 'not_pending';
      await applyConsent(tx, context, contactId, [CONFIRM], { source: 'double_opt_in', actor: 'contact', at, ipAddress: proof.ipAddress, userAgent: proof.userAgent });
      return 'confirmed';
    },
    { timeout: 60_000 },
  );
}
