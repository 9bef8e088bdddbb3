import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ConsentChannel } from '../consent';
import { requestConfirmations } from '../consent/double-opt-in/request-confirmation';

/**
 * After a write committed a pending email grant (double opt-in), sends the confirmation email.
 * The decision is recorded whatever happens to the email, so a delivery problem is logged,
 * never turned into an error for the caller (asking again sends a new one).
 */
export async function sendPendingConfirmations(app: FastifyInstance, request: FastifyRequest, contactId: string, channels: readonly ConsentChannel[]): Promise<void> {
  if (channels.length === 0) return;
  const outcomes = await requestConfirmations(app.services, request.workspaceId, contactId, channels);
  for (const outcome of outcomes) if (outcome.outcome !== 'sent') request.log.warn({ contactId, outcome }, 'double opt-in confirmation not sent');
}
