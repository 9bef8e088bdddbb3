import type { ActionDefinition } from './definition';
import { emailAction } from './email/definition';
import { smsAction } from './sms/definition';
import { webhookAction } from './webhook/definition';
import { ActionRegistry } from './registry';

/**
 * The actions that ship with the engine; the CRM actions join them next.
 * Custom actions are the developer's own `defineAction()` objects, passed in as `extra`.
 */
export function createActionRegistry(extra: Iterable<ActionDefinition> = []): ActionRegistry {
  const registry = new ActionRegistry().register(emailAction).register(smsAction).register(webhookAction);
  for (const definition of extra) registry.register(definition);
  return registry;
}
