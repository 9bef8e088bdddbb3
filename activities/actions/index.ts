export { createActionRegistry } from './built-in';
export { defineAction, type ActionCategory, type ActionContext, type ActionDefinition, type ActionResult } from './definition';
export { ActionRegistry, InvalidActionInputError, UnknownActionError, type ActionCatalogEntry } from './registry';
