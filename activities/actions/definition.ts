import type { Static, TSchema } from 'typebox';
import type { ActionCategory, InputRule, MessageSpec } from '../../engine/journey/catalog';
import type { ActivityDeps } from '../deps';

export type { ActionCategory } from '../../engine/journey/catalog';

/** Who and where an action runs for. Built by the generic action activity, never by journeys. */
export interface ActionContext {
  readonly deps: ActivityDeps;
  readonly workspaceId: string;
  readonly journeyId: string;
  readonly journeyVersionId: string;
  readonly enrollmentId: string;
  readonly contactId: string;
  readonly nodeId: string;
  /**
   * Enrollment + node + step: the same on every retry and across continue-as-new, so a
   * provider call made under it happens at most once.
   */
  readonly idempotencyKey: string;
  /** The entry event's payload and the journey's variables, for templates. */
  readonly variables: Readonly<Record<string, unknown>>;
  /** The workflow's clock (epoch ms): what "now" means for quiet hours and caps, also under time skipping. */
  readonly now: number;
}

/**
 * `outcome` names the output the journey follows; it must be one of the declared outputs.
 * `deferUntil` (epoch ms) instead asks the journey to run the same step again at that time
 * (quiet hours), with the same idempotency key.
 */
export type ActionResult = { readonly outcome: string; readonly detail?: string } | { readonly deferUntil: number; readonly detail?: string };

/**
 * An action, declared once: the palette, the generated config form, the compiler's input
 * check and the worker's implementation all come from this object.
 */
export interface ActionDefinition<Input extends TSchema = TSchema> {
  readonly id: string;
  readonly version: number;
  readonly label: string;
  readonly description: string;
  readonly category: ActionCategory;
  /** Name of the palette icon (a Lucide icon name, e.g. `mail`); the canvas falls back to `zap`. */
  readonly icon?: string;
  /** JSON Schema of the node's `input`, with titles and descriptions for the form. */
  readonly input: Input;
  /**
   * Credentials the action uses, by name (e.g. `smtp`, `twilio`, `webhook-signing`). They are
   * configured on the engine and resolved inside the activity; they never appear in a journey,
   * its input, or workflow history.
   */
  readonly credentials?: readonly string[];
  /** Outcomes the action reports; the first is the normal one. */
  readonly outputs: readonly [string, ...string[]];
  /**
   * Present on actions that message the contact: which input fields decide the message's
   * purpose and opt-outs (data, so the linter in the browser reads it too).
   */
  readonly message?: MessageSpec;
  /** Dotted paths of `input` holding Liquid templates. */
  readonly templateFields?: readonly string[];
  /**
   * Rules across fields that the input schema cannot say (and a generated form could not
   * show), as conditions over the input; checked after the schema by the compiler, in the
   * browser, and again before `run`.
   */
  readonly rules?: readonly InputRule[];
  run(context: ActionContext, input: Static<Input>): Promise<ActionResult>;
}

/** Keeps the input type attached to `run` while the registry stores definitions uniformly. */
export function defineAction<Input extends TSchema>(definition: ActionDefinition<Input>): ActionDefinition<Input> {
  return definition;
}
