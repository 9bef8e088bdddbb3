import type { ActionDefinition } from './definition';
import { ActionRegistry } from './registry';

/**
 * The actions that ship with the engine. Email, SMS, webhook and the CRM actions join this
 * list with the actions issue; custom actions are added by the developer's own code through
 * `registry.register()` before the worker starts.
 */
const BUILT_IN_ACTIONS: readonly ActionDefinition[] = [];

export function createActionRegistry(extra: Iterable<ActionDefinition> = []): ActionRegistry {
  return new ActionRegistry([...BUILT_IN_ACTIONS, ...extra]);
}
