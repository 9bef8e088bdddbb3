import { createHash } from 'node:crypto';
import type { Channel } from '../../prisma/generated/client';

/** Marks a suppression whose address is stored as a hash, so it can never be mistaken for a real address. */
export const HASHED_ADDRESS_PREFIX = 'sha256:';

/**
 * The form an erased contact's address is suppressed under: SHA-256 of the workspace id, the
 * channel and the normalised address (lower-case email, E.164 phone). The erasure must not
 * keep the address itself, yet a later send to it must still be refused; the workspace id
 * salts the hash so the same person is not linkable across workspaces.
 */
export function hashedSuppressionAddress(workspaceId: string, channel: Channel, address: string): string {
  const digest = createHash('sha256').update(`${workspaceId}\n${channel}\n${address}`).digest('hex');
  return `${HASHED_ADDRESS_PREFIX}${digest}`;
}
