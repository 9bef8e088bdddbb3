import { signExpiringToken, uuidAt, uuidBytes, verifyExpiringToken } from '../../../activities/channels/email/expiring-token';

// The link in a double opt-in email: workspace, contact and the `pending` history entry it
// confirms, valid for CONFIRMATION_LINK_DAYS. Its own derived key: a preference center link
// can never pass for a confirmation, nor the other way round.

const LABEL = 'double-opt-in v1';
const PAYLOAD_BYTES = 48;

export interface ConfirmationSubject {
  readonly workspaceId: string;
  readonly contactId: string;
  /** The consent_event that recorded the pending grant (and keys the email's send). */
  readonly requestId: string;
}

export type ConfirmationTokenCheck =
  | ({ readonly ok: true; readonly expiresAt: Date } & ConfirmationSubject)
  | { readonly ok: false; readonly reason: 'invalid' }
  | { readonly ok: false; readonly reason: 'expired'; readonly workspaceId: string };

export function confirmationToken(secret: string, subject: ConfirmationSubject, expiresAt: Date): string {
  return signExpiringToken(secret, LABEL, uuidBytes(subject.workspaceId, subject.contactId, subject.requestId), expiresAt);
}

export function verifyConfirmationToken(secret: string, token: string, now: Date): ConfirmationTokenCheck {
  const check = verifyExpiringToken(secret, LABEL, token, PAYLOAD_BYTES, now);
  if (!check.ok) return check.reason === 'expired' ? { ok: false, reason: 'expired', workspaceId: uuidAt(check.payload, 0) } : check;
  return { ok: true, workspaceId: uuidAt(check.payload, 0), contactId: uuidAt(check.payload, 1), requestId: uuidAt(check.payload, 2), expiresAt: check.expiresAt };
}

export function confirmationUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/confirm/${token}`;
}
