import type { FastifyRequest } from 'fastify';
import type { ConsentOrigin } from '../consent';
import { actorLabel } from '../plugins/auth';

/** Who recorded a consent decision through the API (`user:<id>` or `api_key:<id>`), with the client's address and agent as proof. */
export function consentOriginOf(request: FastifyRequest, proof: { formId?: string | undefined; reason?: string | undefined } = {}): ConsentOrigin {
  return {
    actor: actorLabel(request),
    ipAddress: request.ip,
    userAgent: request.headers['user-agent'],
    ...(proof.formId !== undefined && { formId: proof.formId }),
    ...(proof.reason !== undefined && { reason: proof.reason }),
  };
}
