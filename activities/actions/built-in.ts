import type { ActionDefinition } from './definition';
import { setAttributeAction } from './contact-set-attribute/definition';
import { setLifecycleStageAction } from './lifecycle-set-stage/definition';
import { awardPointsAction, redeemPointsAction } from './loyalty-points/definition';
import { notifyTeamAction } from './notify-team/definition';
import { adjustScoreAction } from './score-adjust/definition';
import { addToSegmentAction, removeFromSegmentAction } from './segment-membership/definition';
import { startJourneyAction } from './journey-start/definition';
import { emailAction } from './email/definition';
import { smsAction } from './sms/definition';
import { webhookAction } from './webhook/definition';
import { ActionRegistry } from './registry';

/**
 * The actions that ship with the engine: messaging, webhooks and the CRM actions.
 * Custom actions are the developer's own `defineAction()` objects, passed in as `extra`.
 */
export function createActionRegistry(extra: Iterable<ActionDefinition> = []): ActionRegistry {
  const registry = new ActionRegistry()
    .register(emailAction)
    .register(smsAction)
    .register(webhookAction)
    .register(setAttributeAction)
    .register(addToSegmentAction)
    .register(removeFromSegmentAction)
    .register(adjustScoreAction)
    .register(setLifecycleStageAction)
    .register(awardPointsAction)
    .register(redeemPointsAction)
    .register(startJourneyAction)
    .register(notifyTeamAction);
  for (const definition of extra) registry.register(definition);
  return registry;
}
