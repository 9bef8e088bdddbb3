import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { ActionCatalog, ActionInputProblem, CatalogAction } from '../../engine/journey/compile';
import type { ActionContext, ActionDefinition, ActionResult } from './definition';

/** What the canvas palette and its forms are built from. */
export interface ActionCatalogEntry {
  id: string;
  version: number;
  label: string;
  description: string;
  category: string;
  icon: string;
  outputs: readonly string[];
  input: TSchema;
  sendsMessage: boolean;
  credentials: readonly string[];
}

const key = (id: string, version: number): string => `${id}@${version}`;

/**
 * Every action the engine knows, by id and version. Old versions stay registered so running
 * journeys keep working after an action changes.
 */
export class ActionRegistry implements ActionCatalog {
  readonly #actions = new Map<string, ActionDefinition>();

  constructor(definitions: Iterable<ActionDefinition> = []) {
    for (const definition of definitions) this.register(definition);
  }

  register<Input extends TSchema>(definition: ActionDefinition<Input>): this {
    const id = key(definition.id, definition.version);
    if (this.#actions.has(id)) throw new Error(`action ${id} is registered twice`);
    // Stored uniformly; `run` and `message` are only ever called with input that passed `input`.
    this.#actions.set(id, definition as unknown as ActionDefinition);
    return this;
  }

  find(actionId: string, version: number): CatalogAction | undefined {
    const definition = this.#actions.get(key(actionId, version));
    if (!definition) return undefined;
    const { message, templateFields } = definition;
    return {
      // Fields with a default may be left out, as at run time.
      validate: (input) => inputProblems(definition, Value.Default(definition.input, structuredClone(input))),
      outputs: definition.outputs,
      ...(message && { describeMessage: (input: unknown) => message(Value.Default(definition.input, structuredClone(input))) }),
      ...(templateFields && { templateFields }),
    };
  }

  /** Validates (with schema defaults applied) and runs; unknown actions and bad input throw. */
  async run(actionId: string, version: number, context: ActionContext, input: unknown): Promise<ActionResult> {
    const definition = this.#actions.get(key(actionId, version));
    if (!definition) throw new UnknownActionError(actionId, version);
    const withDefaults = Value.Default(definition.input, structuredClone(input));
    const problems = inputProblems(definition, withDefaults);
    if (problems.length > 0) throw new InvalidActionInputError(actionId, version, problems);
    const result = await definition.run(context, withDefaults);
    if ('outcome' in result && !definition.outputs.includes(result.outcome)) {
      throw new Error(`action ${key(actionId, version)} reported outcome "${result.outcome}", which it does not declare`);
    }
    return result;
  }

  catalog(): ActionCatalogEntry[] {
    return [...this.#actions.values()]
      .map((definition) => ({
        id: definition.id,
        version: definition.version,
        label: definition.label,
        description: definition.description,
        category: definition.category,
        icon: definition.icon ?? 'zap',
        outputs: definition.outputs,
        input: definition.input,
        sendsMessage: definition.message !== undefined,
        credentials: definition.credentials ?? [],
      }))
      .sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
  }
}

/** The schema's problems; the definition's own `check` only once the schema holds, so it gets typed input. */
function inputProblems(definition: ActionDefinition, input: unknown): ActionInputProblem[] {
  const problems = Value.Errors(definition.input, input).map((error) => ({
    field: error.instancePath.split('/').filter(Boolean).join('.'),
    message: error.message,
  }));
  return problems.length > 0 || !definition.check ? problems : [...definition.check(input)];
}

export class UnknownActionError extends Error {
  constructor(actionId: string, version: number) {
    super(`action ${key(actionId, version)} is not registered on this worker`);
    this.name = 'UnknownActionError';
  }
}

export class InvalidActionInputError extends Error {
  constructor(actionId: string, version: number, readonly problems: ActionInputProblem[]) {
    super(`input of action ${key(actionId, version)} is invalid: ${problems.map((p) => `${p.field || '(input)'} ${p.message}`).join('; ')}`);
    this.name = 'InvalidActionInputError';
  }
}
