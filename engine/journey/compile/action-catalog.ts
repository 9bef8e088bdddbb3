/** A problem with an action's input, located by a dotted path inside `input`. */
export interface ActionInputProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * What the compiler needs to know of the action registry (built with the actions): whether
 * an action id and version exist, and whether an input fits that version's schema.
 */
export interface ActionCatalog {
  find(actionId: string, version: number): { validate(input: unknown): ActionInputProblem[] } | undefined;
}
