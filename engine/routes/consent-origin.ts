import type { FastifyRequest } from 'fastify';
import { apiKeyActor, type ConsentOrigin } from '../consent';

/** Who recorded a consent decision through the API, with the client's address and agent as proof. */
export function consentOriginOf(request: FastifyRequest, proof: { formId?: string | undefined; reason?: string | undefined } = {}): ConsentOrigin {
  return {
    actor: apiKeyActor(request.apiKeyId),
    ipAddress: request.ip,
    userAgent: request.headers['user-agent'],
    ...(proof.formId !== undefined && { formId: proof.formId }),
    ...(proof.reason !== undefined && { reason: proof.reason }),
  };
}
