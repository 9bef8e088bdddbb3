import type { ConsentStateChange } from '../apply';
import { changeConsent } from '../change';
import { requestConfirmations, type ConfirmationOutcome, type ConfirmationServices } from '../double-opt-in/request-confirmation';
import type { ConsentProvenance } from '../provenance';
import { preferenceDecisions, type PreferenceSubmission } from './decisions';
import type { PreferenceCenter } from './load';

export interface SavedPreferences {
  /** Decisions sent (the history's new rows); zero when the form matched the current state. */
  readonly decisions: number;
  readonly changed: readonly ConsentStateChange[];
  /** Double opt-in emails sent (or not) for a new email marketing grant. */
  readonly confirmations: readonly ConfirmationOutcome[];
}

/**
 * Records what the contact chose on their preference center, as the contact, with their IP
 * address and browser as proof, then asks for confirmation of a new email subscription when
 * the workspace wants double opt-in. Undefined when the contact is gone.
 */
export async function savePreferences(
  services: ConfirmationServices,
  center: PreferenceCenter,
  submission: PreferenceSubmission,
  proof: Pick<ConsentProvenance, 'ipAddress' | 'userAgent'>,
  at: Date,
): Promise<SavedPreferences | undefined> {
  const decisions = preferenceDecisions(center.channels, submission);
  if (decisions.length === 0) return { decisions: 0, changed: [], confirmations: [] };
  const result = await changeConsent(services.db.prisma, center.workspaceId, center.contactId, decisions, {
    source: 'preference_center',
    actor: 'contact',
    at,
    ipAddress: proof.ipAddress,
    userAgent: proof.userAgent,
  });
  if (!result) return undefined;
  const confirmations = result.awaitingConfirmation.length > 0 ? await requestConfirmations(services, center.workspaceId, center.contactId, result.awaitingConfirmation, at) : [];
  return { decisions: decisions.length, changed: result.changed, confirmations };
}
