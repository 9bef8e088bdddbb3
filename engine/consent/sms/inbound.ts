import type { PrismaClient } from '../../../prisma/generated/client';
import { toE164 } from '../../../activities/channels/sms/phone';
import { lockContactsForChange } from '../../crm/changes/contact-changed';
import { loadCrmContext, type CrmContext } from '../../crm/context';
import { applyConsent, type ConsentStateChange } from '../apply';
import type { ConsentProvenance } from '../provenance';
import { smsHelpFor } from './help';
import { decisionsFor, smsKeywordOf } from './keywords';
import { contactsWithPhone, type PhoneOwner } from './recipients';

export interface InboundSms {
  /** The sender, as Twilio gives it (E.164 for SMS). */
  readonly from: string;
  readonly body: string;
  /** Twilio's own reading of the message, when Advanced Opt-Out is on. */
  readonly optOutType?: string | undefined;
  readonly at: Date;
}

export type InboundSmsOutcome =
  | { readonly kind: 'not_a_keyword' }
  | { readonly kind: 'unknown_sender' }
  | { readonly kind: 'consent'; readonly keyword: 'opt_out' | 'opt_in'; readonly contacts: readonly (PhoneOwner & { readonly changed: readonly ConsentStateChange[] })[] }
  | { readonly kind: 'help'; readonly workspaceId: string; readonly text: string };

type Db = Pick<PrismaClient, '$transaction' | 'workspace' | 'contact' | 'communication' | '$queryRaw'>;

/**
 * What the engine does with a text a contact sent: STOP and START change SMS consent for every
 * contact with the sender's number (recipients.ts says why all of them), HELP finds the help
 * text to answer with, anything else changes nothing. The consent changes of all those
 * contacts commit together, with their history (source `sms_keyword`), `consent.changed`
 * events and segment moves, so a STOP is never half applied.
 */
export async function receiveSms(prisma: Db, sms: InboundSms): Promise<InboundSmsOutcome> {
  const keyword = smsKeywordOf(sms.body, sms.optOutType);
  if (keyword === undefined) return { kind: 'not_a_keyword' };
  const phone = toE164(sms.from);
  if (phone === undefined) return { kind: 'unknown_sender' };
  const owners = await contactsWithPhone(prisma, phone);
  if (owners.length === 0) return { kind: 'unknown_sender' };
  if (keyword === 'help') {
    const help = await smsHelpFor(prisma, owners);
    return help ? { kind: 'help', ...help } : { kind: 'unknown_sender' };
  }

  const contexts = new Map<string, CrmContext>();
  for (const { workspaceId } of owners) if (!contexts.has(workspaceId)) contexts.set(workspaceId, await loadCrmContext(prisma, workspaceId, sms.at));
  const decisions = decisionsFor(keyword);
  const provenance: ConsentProvenance = { source: 'sms_keyword', actor: 'contact', at: sms.at, reason: `Replied "${sms.body.trim().slice(0, 40)}"` };
  const contacts = await prisma.$transaction(
    async (tx) => {
      // All of them locked up front, in the one order every writer uses, before any is changed.
      await lockContactsForChange(tx, owners.map((owner) => owner.contactId));
      // A contact deleted (or renumbered) since the lookup is left out rather than recreated.
      const still = new Set((await tx.contact.findMany({ where: { id: { in: owners.map((owner) => owner.contactId) }, phone }, select: { id: true } })).map((contact) => contact.id));
      const applied: (PhoneOwner & { changed: ConsentStateChange[] })[] = [];
      for (const owner of owners) {
        const context = contexts.get(owner.workspaceId);
        if (!context || !still.has(owner.contactId)) continue;
        const result = await applyConsent(tx, context, owner.contactId, decisions, provenance);
        applied.push({ ...owner, changed: result.changed });
      }
      return applied;
    },
    { timeout: 60_000 },
  );
  return { kind: 'consent', keyword, contacts };
}
