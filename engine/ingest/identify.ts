import { applyConsent, changedFields, ConsentInvalidError, flattenConsent, SYSTEM_ORIGIN, type ConsentChannel, type ConsentOrigin } from '../consent';
import { loadCrmContext, type CrmContext } from '../crm/context';
import { isUniqueViolation } from '../db';
import { reusedPlan } from '../db/reused-plan';
import { Prisma } from '../../prisma/generated/client';
import { attributeChangeEntries, announceIngested, createdBy, creationChanges, lockContact, touchedFields } from './crm-change';
import { IngestError } from './errors';
import { normalisedEmail, resolveContact } from './identity';
import { appliedPatch, checkedProfilePatch, type ProfileField, type ProfilePatch, type ProfileState } from './profile';
import type { IdentifyInput } from './schemas';
import { inTransaction, type IngestDb, type IngestTx } from './transaction';

export interface Identified {
  readonly contactId: string;
  readonly created: boolean;
  /** The fields that changed, as segments name them (`email`, `attributes.plan`), then consent (`consent.email.marketing`). */
  readonly changed: readonly string[];
  /** Channels whose marketing grant waits for the contact's confirmation (double opt-in). */
  readonly awaitingConfirmation: readonly ConsentChannel[];
}

/** Upserts a contact's profile and attributes (see `identifyWithin`). */
export async function identify(db: IngestDb, workspaceId: string, input: IdentifyInput, now: Date = new Date(), by: ConsentOrigin = SYSTEM_ORIGIN): Promise<Identified> {
  return identifyWithin(db, await loadCrmContext(db, workspaceId, now), input, by);
}

/**
 * Finds (or creates) the contact and applies the profile values and attributes sent; every
 * field that really changed gets a `contact.attribute_changed` entry and is touched for the
 * segments reading it, in the transaction that writes it. Nothing changed, nothing is written.
 */
export async function identifyWithin(db: IngestDb, context: CrmContext, input: IdentifyInput, by: ConsentOrigin = SYSTEM_ORIGIN): Promise<Identified> {
  const email = normalisedEmail(input.email);
  const patch = checkedProfilePatch(input, email);
  try {
    return await inTransaction<Identified, never>(db, async (tx) => {
      const contact = await resolveContact(tx, context.workspaceId, input);
      await lockContact(tx, contact.id);
      const { after, changes } = appliedPatch(await lockedStateOf(tx, context.workspaceId, contact.id), patch);
      if (changes.length > 0) {
        await refuseTakenIdentity(tx, context.workspaceId, contact.id, patch);
        await writeProfile(tx, context.workspaceId, contact.id, after);
      }
      const announced = [...creationChanges(contact), ...changes];
      if (announced.length > 0) await announceIngested(tx, context, [contact.id], touchedFields(announced), attributeChangeEntries(contact.id, announced), createdBy(contact));
      const consent = await recordConsent(tx, context, contact.id, input, by);
      return { contactId: contact.id, created: contact.created, changed: [...announced.map((change) => change.field), ...consent.changed], awaitingConfirmation: consent.awaitingConfirmation };
    });
  } catch (error) {
    // The check above runs first; this is the race where another request took the value meanwhile.
    if (isUniqueViolation(error)) throw new IngestError('conflict', patch.profile.externalId === undefined ? 'email' : 'externalId', 'belongs to another contact of this workspace');
    throw error;
  }
}

/** The consent decisions sent along, recorded (source `api`) in the profile's transaction. */
async function recordConsent(tx: IngestTx, context: CrmContext, contactId: string, input: IdentifyInput, by: ConsentOrigin): Promise<{ changed: string[]; awaitingConfirmation: ConsentChannel[] }> {
  if (!input.consent) return { changed: [], awaitingConfirmation: [] };
  try {
    const result = await applyConsent(tx, context, contactId, flattenConsent(input.consent), { ...by, source: 'api', at: context.now }, { skipRestatements: true });
    return { changed: changedFields(result.changed), awaitingConfirmation: result.awaitingConfirmation };
  } catch (error) {
    if (error instanceof ConsentInvalidError) throw new IngestError('invalid', error.field, error.detail);
    throw error;
  }
}

// The statements below run for every identify call: raw statements with kept plans, not ORM
// queries (the ORM costs about 0.6 ms more CPU per call).

/**
 * The contact's profile, read with its row locked, so a writer that does not take the CRM lock
 * cannot interleave with the merge of attributes.
 */
async function lockedStateOf(tx: IngestTx, workspaceId: string, contactId: string): Promise<ProfileState> {
  const [row] = await tx.$queryRaw<(Record<ProfileField, string | null> & { attributes: unknown })[]>(reusedPlan(Prisma.sql`
    SELECT email, external_id AS "externalId", first_name AS "firstName", last_name AS "lastName", company, phone, timezone, locale, attributes
    FROM contact WHERE id = ${contactId}::uuid AND workspace_id = ${workspaceId}::uuid FOR UPDATE`));
  if (!row) throw new Error(`contact ${contactId} vanished under its lock`);
  const { attributes, ...profile } = row;
  return { profile, attributes: isJsonObject(attributes) ? attributes : {} };
}

async function writeProfile(tx: IngestTx, workspaceId: string, contactId: string, state: ProfileState): Promise<void> {
  const { profile } = state;
  await tx.$executeRaw(reusedPlan(Prisma.sql`
    UPDATE contact SET email = ${profile.email}::text, external_id = ${profile.externalId}::text, first_name = ${profile.firstName}::text,
      last_name = ${profile.lastName}::text, company = ${profile.company}::text, phone = ${profile.phone}::text, timezone = ${profile.timezone}::text,
      locale = ${profile.locale}::text, attributes = ${JSON.stringify(state.attributes)}::jsonb, updated_at = now()
    WHERE id = ${contactId}::uuid AND workspace_id = ${workspaceId}::uuid`));
}

const isJsonObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An email or external id is one contact's: moving it onto this one would merge two people silently. */
async function refuseTakenIdentity(tx: IngestTx, workspaceId: string, contactId: string, patch: ProfilePatch): Promise<void> {
  const { email, externalId } = patch.profile;
  if ((email === undefined || email === null) && (externalId === undefined || externalId === null)) return;
  const holders = await tx.$queryRaw<{ id: string; email: string | null; externalId: string | null }[]>(reusedPlan(Prisma.sql`
    SELECT id::text AS id, email, external_id AS "externalId" FROM contact
    WHERE workspace_id = ${workspaceId}::uuid AND id <> ${contactId}::uuid AND (email = ${email ?? null}::text OR external_id = ${externalId ?? null}::text)`));
  for (const field of ['email', 'externalId'] as const) {
    const value = patch.profile[field];
    const holder = holders.find((row) => value !== undefined && value !== null && row[field] === value);
    if (holder) throw new IngestError('conflict', field, `belongs to another contact of this workspace (${holder.id}): ${value}`);
  }
}
