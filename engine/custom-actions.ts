import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import type { ActionDefinition } from '../activities/actions';
import { InputRule, MessageSpec } from './journey/catalog';

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
    const problem = catalogDataProblem(candidate);
    if (problem) throw new Error(`ACTIONS_MODULE ${modulePath}: action ${candidate.id}: ${problem}`);
    return candidate;
  });
}

const Rules = Type.Array(InputRule);

/**
 * `message` and `rules` travel to the browser as catalog data, so they must be data: a
 * function there (the shape of an older SDK) is refused by name rather than dropped.
 */
function catalogDataProblem(definition: ActionDefinition): string | undefined {
  if (definition.message !== undefined && !Value.Check(MessageSpec, definition.message)) {
    return 'message must be data: { channel, purpose, purposeField?, quietHoursOptOutField?, frequencyCapOptOutField? }';
  }
  if (definition.rules !== undefined && !Value.Check(Rules, definition.rules)) {
    return 'rules must be a list of { field, message, when: condition }';
  }
  return undefined;
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
