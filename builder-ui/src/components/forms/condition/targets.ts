import { ALLOWED_OPERATORS, CONDITION_FIELDS } from '../../../../../engine/journey/conditions';
import { comparisonPart, isCompared, kindOf, scoreField, withComparison, type Compared, type Rule } from './model';

// What a rule tests, as the row's first picker offers it: a key per choice, grouped. An event
// filter tests the event's properties only; other conditions test the contact (and may test
// the entry event's properties).

export type Scope = 'contact' | 'event';
export interface TargetOption {
  readonly key: string;
  readonly label: string;
}
export interface TargetGroup {
  readonly label: string;
  readonly options: readonly TargetOption[];
}

/** Attribute and property keys the rows know by name; `attributes.` and `property:` alone are "another one…". */
export const ANOTHER_ATTRIBUTE = 'attribute:attributes.';
export const ANOTHER_PROPERTY = 'property:';

const SPECIAL: readonly TargetOption[] = [
  { key: 'tag', label: 'Tag' }, { key: 'lifecycle_stage', label: 'Lifecycle stage' }, { key: 'consent', label: 'Consent' },
  { key: 'topic', label: 'Topic subscription' }, { key: 'segment', label: 'Segment membership' }, { key: 'event', label: 'Performed event' },
];

export function keyOf(rule: Rule): string {
  switch (rule.type) {
    case 'attribute': return `attribute:${rule.field}`;
    case 'score': return `score:${rule.field}`;
    case 'property': return `property:${rule.property}`;
    default: return rule.type;
  }
}

export function targetGroups(scope: Scope, attributes: readonly string[], properties: readonly string[], current: readonly Rule[]): TargetGroup[] {
  const currentKeys = current.map(keyOf);
  const named = (prefix: string, keys: readonly string[]) => [...new Set([...keys.map((key) => `${prefix}${key}`), ...currentKeys.filter((key) => key.startsWith(prefix) && key !== prefix)])];
  const propertyOptions = [...named(ANOTHER_PROPERTY, properties).map((key) => ({ key, label: key.slice(ANOTHER_PROPERTY.length) })), { key: ANOTHER_PROPERTY, label: 'Another property…' }];
  if (scope === 'event') return [{ label: 'Event properties', options: propertyOptions }];
  const fields = (group: 'Contact' | 'Scores') => CONDITION_FIELDS.filter((field) => field.group === group).map((field) => ({ key: `${field.type}:${field.field}`, label: field.label }));
  const custom = named(ANOTHER_ATTRIBUTE, attributes).map((key) => ({ key, label: key.slice(ANOTHER_ATTRIBUTE.length) }));
  return [
    { label: 'Contact', options: fields('Contact') },
    { label: 'Custom attributes', options: [...custom, { key: ANOTHER_ATTRIBUTE, label: 'Another attribute…' }] },
    { label: 'Scores', options: fields('Scores') },
    ...(properties.length > 0 || currentKeys.some((key) => key.startsWith(ANOTHER_PROPERTY)) ? [{ label: 'Entry event properties', options: propertyOptions }] : []),
    { label: 'Other', options: SPECIAL },
  ];
}

/** The comparison carried over to a new field when its kind allows the operator; else "is set". */
function retarget(target: Compared, previous: Rule): Compared {
  const comparison = isCompared(previous) ? comparisonPart(previous) : undefined;
  const allowed = comparison && ALLOWED_OPERATORS[kindOf(target)].includes(comparison.operator);
  return withComparison(target, allowed ? comparison : { operator: 'exists' });
}

/** The rule testing what `key` names, keeping what it can of the previous rule. */
export function ruleFor(key: string, previous: Rule, entryEvent: string | undefined): Rule {
  if (previous.type !== 'attribute' && previous.type !== 'score' && previous.type !== 'property' && previous.type === key) return previous;
  const [type = '', ...rest] = key.split(':');
  const name = rest.join(':');
  const score = scoreField(name);
  if (type === 'attribute') return retarget({ type: 'attribute', field: name, operator: 'exists' }, previous);
  if (type === 'score' && score) return retarget({ type: 'score', field: score, operator: 'exists' }, previous);
  if (type === 'property') return retarget({ type: 'property', property: name, operator: 'exists' }, previous);
  switch (key) {
    case 'tag': return { type: 'tag', operator: 'has', tag: '' };
    case 'lifecycle_stage': return { type: 'lifecycle_stage', operator: 'in', values: [] };
    case 'consent': return { type: 'consent', channel: 'email', status: 'granted' };
    case 'topic': return { type: 'topic', topic: '', subscribed: true };
    case 'segment': return { type: 'segment', segmentId: '', operator: 'member' };
    case 'event': return { type: 'event', name: entryEvent ?? '' };
    default: return previous;
  }
}

/** The first rule a new row holds. */
export function newRule(scope: Scope, properties: readonly string[]): Rule {
  return scope === 'event' ? { type: 'property', property: properties[0] ?? '', operator: 'exists' } : { type: 'attribute', field: 'email', operator: 'exists' };
}
