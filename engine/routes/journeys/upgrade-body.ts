import type { FastifyRequest } from 'fastify';
import { upgradeJourney } from '../../journey/conditions/upgrade-journey';
import { isRecord } from '../../journey/conditions/json';


/**
 * preValidation: a draft written in an older schema version (a journey file from before the
 * one condition language) is upgraded before the body is validated, so old files and scripts
 * keep working. A condition the upgrade cannot say is left as it was; lint and publish name it.
 */
export async function upgradeDraftInBody(request: FastifyRequest): Promise<void> {
  const { body } = request;
  if (!isRecord(body)) return;
  if (body.schemaVersion === 1) request.body = upgradeJourney(body).document;
  else if (isRecord(body.draft) && body.draft.schemaVersion === 1) request.body = { ...body, draft: upgradeJourney(body.draft).document };
}
