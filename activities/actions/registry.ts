import type { TSchema } from 'typebox';
import { actionInputProblems, findAction, withInputDefaults, type ActionCatalog, type ActionCatalogEntry, type ActionInputProblem } from '../../engine/journey/catalog';
import { validateCriteria } from '../../engine/journey/conditions/validate';
import type { ActionContext, ActionDefinition, ActionResult } from './definition';

const key = (id: string, version: number): string => `${id}@${version}`;

/**
 * Every action the engine knows, by id and version. Old versions stay registered so running
 * journeys keep working after an action changes.
 */
export class ActionRegistry {
  readonly #actions = new Map<string, ActionDefinition>();
  #catalog: ActionCatalog | undefined;

  constructor(definitions: Iterable<ActionDefinition> = []) {
    for (const definition of definitions) this.register(definition);
  }

  register<Input extends TSchema>(definition: ActionDefinition<Input>): this {
    const id = key(definition.id, definition.version);
    if (this.#actions.has(id)) throw new Error(`action ${id} is registered twice`);
    // A custom action's cross-field rules test its own settings: checked now, not when a journey first trips on them.
    for (const rule of definition.rules ?? []) {
      const checked = validateCriteria(rule.when, 'event');
      if (!checked.ok) throw new Error(`action ${id}: the rule on "${rule.field}" has an invalid condition: ${checked.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    }
    // Stored uniformly; `run` is only ever called with input that passed `input`.
    this.#actions.set(id, definition as unknown as ActionDefinition);
    this.#catalog = undefined;
    return this;
  }

  /**
   * The catalog as plain JSON data, as GET /v1/actions serves it and the browser compiles
   * with: the server checks drafts against the very same objects. Built once per registry
   * state, so the compiler's per-schema validators are compiled once.
   */
  catalog(): ActionCatalog {
    this.#catalog ??= [...this.#actions.values()].map(entryOf).sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
    return this.#catalog;
  }

  /** Validates (with schema defaults applied) and runs; unknown actions and bad input throw. */
  async run(actionId: string, version: number, context: ActionContext, input: unknown): Promise<ActionResult> {
    const definition = this.#actions.get(key(actionId, version));
    const entry = findAction(this.catalog(), actionId, version);
    if (!definition || !entry) throw new UnknownActionError(actionId, version);
    const problems = actionInputProblems(entry, input);
    if (problems.length > 0) throw new InvalidActionInputError(actionId, version, problems);
    // Checked against the schema just above: the definition's own input type.
    const result = await definition.run(context, withInputDefaults(entry, input) as never);
    if ('outcome' in result && !definition.outputs.includes(result.outcome)) {
      throw new Error(`action ${key(actionId, version)} reported outcome "${result.outcome}", which it does not declare`);
    }
    return result;
  }
}

/**
 * A definition as catalog data. The schema goes through JSON so the server holds exactly what
 * the browser receives (TypeBox's hidden markers dropped); defaults then come from the JSON
 * Schema `default` keyword alone, on both sides.
 */
function entryOf(definition: ActionDefinition): ActionCatalogEntry {
  const input: TSchema = JSON.parse(JSON.stringify(definition.input));
  return {
    id: definition.id,
    version: definition.version,
    label: definition.label,
    description: definition.description,
    category: definition.category,
    icon: definition.icon ?? 'zap',
    input,
    outputs: [...definition.outputs],
    credentials: [...(definition.credentials ?? [])],
    templateFields: [...(definition.templateFields ?? [])],
    ...(definition.message && { message: { ...definition.message } }),
    rules: [...(definition.rules ?? [])],
  };
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
