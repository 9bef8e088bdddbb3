import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ActionDefinition } from '../activities/actions';

/**
 * Loads a developer's own actions from `ACTIONS_MODULE`: a JavaScript module whose default
 * export (or `actions` export) is an array of `defineAction()` objects. They join the
 * built-in registry at start, so they appear in the palette after a restart, without any
 * change to the engine.
 */
export async function loadCustomActions(modulePath: string, cwd: string = process.cwd()): Promise<ActionDefinition[]> {
  const url = pathToFileURL(isAbsolute(modulePath) ? modulePath : resolve(cwd, modulePath)).href;
  let loaded: unknown;
  try {
    loaded = await import(url);
  } catch (error) {
    throw new Error(`ACTIONS_MODULE ${modulePath} could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
  const exported = pick(loaded, 'actions') ?? pick(loaded, 'default');
  const list = Array.isArray(exported) ? exported : pick(exported, 'actions');
  if (!Array.isArray(list)) throw new Error(`ACTIONS_MODULE ${modulePath} must export an array of actions (default export or "actions")`);
  return list.map((candidate: unknown, index) => {
    if (!isActionDefinition(candidate)) throw new Error(`ACTIONS_MODULE ${modulePath}: item ${index} is not an action (it needs id, version, label, input, outputs and run)`);
    return candidate;
  });
}

function pick(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

/** The shape defineAction() produces; the registry then validates inputs against `input`. */
function isActionDefinition(value: unknown): value is ActionDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const id = pick(value, 'id');
  const outputs = pick(value, 'outputs');
  return (
    typeof id === 'string' &&
    /^[a-z][a-z0-9_.-]{0,63}$/.test(id) &&
    Number.isInteger(pick(value, 'version')) &&
    typeof pick(value, 'label') === 'string' &&
    typeof pick(value, 'input') === 'object' &&
    Array.isArray(outputs) &&
    outputs.length > 0 &&
    outputs.every((output) => typeof output === 'string') &&
    typeof pick(value, 'run') === 'function'
  );
}
