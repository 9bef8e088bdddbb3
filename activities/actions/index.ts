export { createActionRegistry } from './built-in';
export { defineAction, type ActionCategory, type ActionContext, type ActionDefinition, type ActionResult } from './definition';
export { PermanentActionError } from './errors';
export { ActionRegistry, InvalidActionInputError, UnknownActionError } from './registry';
