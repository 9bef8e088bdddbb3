/** A problem with an action's input, located by a dotted path inside `input`. */
export interface ActionInputProblem {
  readonly field: string;
  readonly message: string;
}

/** What a message-sending action will do with a given input, for the linter's checks. */
export interface MessageTraits {
  /** e.g. `email`, `sms`: messages are counted per channel along every path. */
  readonly channel: string;
  readonly purpose: 'marketing' | 'transactional';
  /** False when this input opts out of the workspace's quiet hours. */
  readonly quietHours: boolean;
  /** False when this input opts out of the workspace's frequency caps. */
  readonly frequencyCap: boolean;
}

/** One action version as the compiler and the linter see it. */
export interface CatalogAction {
  validate(input: unknown): ActionInputProblem[];
  /** Outcomes the action reports, the normal one first (e.g. `sent`, `failed`, `skipped`). */
  readonly outputs?: readonly string[];
  /** Present on actions that send a message to the contact. */
  describeMessage?(input: Readonly<Record<string, unknown>>): MessageTraits;
  /** Dotted paths inside `input` whose strings are Liquid templates. */
  readonly templateFields?: readonly string[];
}

/**
 * What the compiler needs to know of the action registry (built with the actions): whether
 * an action id and version exist, and whether an input fits that version's schema.
 */
export interface ActionCatalog {
  find(actionId: string, version: number): CatalogAction | undefined;
}
