import type { ActionDefinition } from './definition';
import { setAttributeAction } from './crm/contact-attribute';
import { setLifecycleStageAction } from './crm/lifecycle-stage';
import { awardPointsAction, redeemPointsAction } from './crm/loyalty';
import { notifyTeamAction } from './crm/notify-team';
import { adjustScoreAction } from './crm/score-adjust';
import { addToSegmentAction, removeFromSegmentAction } from './crm/segment-membership';
import { startJourneyAction } from './crm/start-journey';
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
