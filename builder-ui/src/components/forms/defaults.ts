import type { Experimental_DefaultFormStateBehavior } from '@rjsf/utils';

/**
 * How generated forms fill in defaults: never invent an optional object or list (a trigger's
 * `filter`, a rule list's first item). Left to rjsf's defaults, an optional condition appears
 * half-filled in the data, the config no longer fits its schema, and the edit cannot be kept.
 */
export const DEFAULTS_BEHAVIOUR: Experimental_DefaultFormStateBehavior = {
  emptyObjectFields: 'skipDefaults',
  arrayMinItems: { populate: 'never' },
};
