import type { ActionRegistry } from './actions/registry';
import type { ActivityDeps } from './deps';

/**
 * What the worker entry supplies: the services every activity uses, plus the action registry,
 * which only the generic action activity (`journey/run-action.ts`) reads. The registry stays out
 * of `ActivityDeps` because actions are handed those deps (`ActionContext.deps`) and the
 * registry's types name the actions: together they were an import ring, and no action needs to
 * run another.
 */
export interface WorkerDeps extends ActivityDeps {
  /** The actions journeys can call, by id and version. */
  actions: ActionRegistry;
}
