export { ActionCatalogEntry, ActionCategory, InputRule, MessageSpec } from './schema';
export type { ActionCatalog, ActionInputProblem, MessageTraits } from './schema';
export { findAction } from './find';
export { actionInputProblems, messageTraitsOf, withInputDefaults } from './input';
