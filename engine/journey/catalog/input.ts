import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { lookup, matchesInHand } from '../conditions/evaluate';
import type { ActionCatalogEntry, ActionInputProblem, MessageTraits } from './schema';

// Action inputs are checked with Ajv rather than TypeBox's Value: the schemas arrive as plain
// JSON (custom actions, the API in the browser), and Ajv applies their defaults the same way
// whichever side runs the check. The compiler, the browser and the worker all come here.

const ajv = new Ajv({ useDefaults: true, allErrors: true, strict: false });
addFormats(ajv);

const validators = new WeakMap<object, ValidateFunction>();

function validatorOf(entry: ActionCatalogEntry): ValidateFunction {
  let validate = validators.get(entry.input);
  if (!validate) {
    validate = ajv.compile(entry.input);
    validators.set(entry.input, validate);
  }
  return validate;
}

/** A copy of the input with the schema's defaults filled in: what the action runs with. */
export function withInputDefaults(entry: ActionCatalogEntry, input: unknown): unknown {
  const copy = cloneJson(input);
  validatorOf(entry)(copy);
  return copy;
}

/**
 * The input's problems: the schema's first (with defaults applied, so fields that have one may
 * be left out), then the entry's cross-field rules once the schema holds.
 */
export function actionInputProblems(entry: ActionCatalogEntry, input: unknown): ActionInputProblem[] {
  const copy = cloneJson(input);
  const validate = validatorOf(entry);
  if (!validate(copy)) return (validate.errors ?? []).map(problemOf);
  const inHand = { properties: isRecord(copy) ? copy : {}, now: new Date() };
  return entry.rules.filter((rule) => matchesInHand(rule.when, inHand)).map(({ field, message }) => ({ field, message }));
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Inputs are JSON (they are stored in drafts and workflow history), so a JSON copy is exact. */
function cloneJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function problemOf(error: ErrorObject): ActionInputProblem {
  const path = error.instancePath.split('/').filter(Boolean);
  const params: Record<string, unknown> = error.params;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return { field: [...path, params.missingProperty].join('.'), message: 'is required' };
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return { field: [...path, params.additionalProperty].join('.'), message: 'is not a setting of this action' };
  }
  return { field: path.join('.'), message: error.message ?? 'is invalid' };
}

/** What a sending action does with this input; undefined for actions that send nothing. */
export function messageTraitsOf(entry: ActionCatalogEntry, input: unknown): MessageTraits | undefined {
  const spec = entry.message;
  if (!spec) return undefined;
  const withDefaults = withInputDefaults(entry, input);
  const values = isRecord(withDefaults) ? withDefaults : {};
  const purpose = spec.purposeField === undefined ? undefined : lookup(values, spec.purposeField);
  const optedOut = (field: string | undefined): boolean => field !== undefined && lookup(values, field) === true;
  return {
    channel: spec.channel,
    purpose: purpose === 'marketing' || purpose === 'transactional' ? purpose : spec.purpose,
    quietHours: !optedOut(spec.quietHoursOptOutField),
    frequencyCap: !optedOut(spec.frequencyCapOptOutField),
  };
}
