import type { Contact, Prisma, PrismaClient } from '../../prisma/generated/client';
import { applyConsent, changedFields, ConsentInvalidError, flattenConsent, SYSTEM_ORIGIN, type ConsentChannel, type ConsentOrigin, type ConsentSource } from '../consent';
import { loadCrmContext, type CrmContext } from '../crm/context';
import { isUniqueViolation } from '../db';
import { applyPatch, columnsOf, NEW_CONTACT } from './apply-patch';
import { ContactIdentityConflictError, ContactIdentityTakenError, ContactInvalidError } from './errors';
import { fieldChanges } from './field-changes';
import type { ContactInput } from './input';
import { lockContacts, lockIdentities } from './locks';
import { normaliseContactInput } from './normalise';
import { recordContactChange } from './record-change';
import { everySegmentDependency } from './segment-dependencies';
import { stateOf } from './view';

export interface UpsertResult {
  readonly contact: Contact;
  readonly created: boolean;
  /** The fields that changed, as segments name them (`email`, `tags`, `attributes.plan`), then consent (`consent.email.marketing`, `consent.topics.news`). */
  readonly changed: string[];
  /** Channels whose marketing grant waits for the contact's confirmation (double opt-in). */
  readonly awaitingConfirmation: ConsentChannel[];
}

/** How consent in the input is recorded: from the API by a key, or by an import. */
export interface UpsertOrigin {
  readonly source: Extract<ConsentSource, 'api' | 'import'>;
  readonly origin: ConsentOrigin;
}

const SYSTEM_API: UpsertOrigin = { source: 'api', origin: SYSTEM_ORIGIN };

type Db = Pick<PrismaClient, '$transaction' | '$queryRaw'>;

/**
 * Creates or updates the contact with this external id, else this email. The write, its
 * change events, the rescore and the segments that read what changed commit together.
 * An upsert that changes nothing writes nothing.
 */
export async function upsertContact(prisma: Db, workspaceId: string, input: ContactInput, now: Date, by: UpsertOrigin = SYSTEM_API): Promise<UpsertResult> {
  const patch = normaliseContactInput(input);
  const { externalId, email } = patch.profile;
  if (!externalId && !email) throw new ContactInvalidError('externalId', 'or email is required: the contact is found or created by one of them');
  const context = await loadCrmContext(prisma, workspaceId, now);
  try {
    return await prisma.$transaction(
      async (tx) => {
        await lockIdentities(tx, workspaceId, { externalId, email });
        const found = await findByIdentity(tx, workspaceId, externalId, email);
        // A contact deleted (or merged away) since it was found is gone: the upsert creates it anew.
        const [existing] = found ? await lockContacts(tx, workspaceId, [found]) : [];
        if (!existing) {
          const after = applyPatch(NEW_CONTACT, patch);
          const created = await tx.contact.create({ data: { workspaceId, ...columnsOf(after) }, select: { id: true } });
          const changes = fieldChanges(null, after);
          await recordContactChange(tx, context, created.id, changes, await everySegmentDependency(tx, workspaceId), { created: true });
          const consent = await recordConsent(tx, context, created.id, input, by);
          return { contact: await tx.contact.findUniqueOrThrow({ where: { id: created.id } }), created: true, changed: [...changes.map((change) => change.field), ...consent.changed], awaitingConfirmation: consent.awaitingConfirmation };
        }
        const before = stateOf(await tx.contact.findUniqueOrThrow({ where: { id: existing } }));
        const after = applyPatch(before, patch);
        const changes = fieldChanges(before, after);
        if (changes.length > 0) {
          await tx.contact.update({ where: { id: existing }, data: columnsOf(after) });
          await recordContactChange(tx, context, existing, changes);
        }
        const consent = await recordConsent(tx, context, existing, input, by);
        return { contact: await tx.contact.findUniqueOrThrow({ where: { id: existing } }), created: false, changed: [...changes.map((change) => change.field), ...consent.changed], awaitingConfirmation: consent.awaitingConfirmation };
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    // Only writers that bypass the identity locks (a merge filling in an email, a direct insert) can win this race.
    if (isUniqueViolation(error)) throw new ContactIdentityTakenError();
    throw error;
  }
}

/** The input's consent decisions, recorded with the contact's write; what changed, named as in the input. */
async function recordConsent(tx: Prisma.TransactionClient, context: CrmContext, contactId: string, input: ContactInput, by: UpsertOrigin): Promise<{ changed: string[]; awaitingConfirmation: ConsentChannel[] }> {
  if (!input.consent) return { changed: [], awaitingConfirmation: [] };
  const decisions = flattenConsent(input.consent);
  try {
    const result = await applyConsent(tx, context, contactId, decisions, { ...by.origin, source: by.source, at: context.now }, { skipRestatements: true });
    return { changed: changedFields(result.changed), awaitingConfirmation: result.awaitingConfirmation };
  } catch (error) {
    if (error instanceof ConsentInvalidError) throw new ContactInvalidError(error.field, error.detail);
    throw error;
  }
}

/** The contact named by the external id, else by the email; refused when they name two contacts. */
async function findByIdentity(tx: Prisma.TransactionClient, workspaceId: string, externalId: string | null | undefined, email: string | null | undefined): Promise<string | undefined> {
  const byExternalId = externalId ? await tx.contact.findFirst({ where: { workspaceId, externalId }, select: { id: true } }) : null;
  const byEmail = email ? await tx.contact.findFirst({ where: { workspaceId, email }, select: { id: true } }) : null;
  if (byExternalId && byEmail && byExternalId.id !== byEmail.id) throw new ContactIdentityConflictError(byExternalId.id, byEmail.id);
  return (byExternalId ?? byEmail)?.id;
}
