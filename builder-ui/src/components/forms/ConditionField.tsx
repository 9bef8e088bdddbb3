import type { FieldProps } from '@rjsf/utils';
import { useId } from 'react';
import { CONDITION_FIELDS } from '../../../../engine/journey/conditions';
import type { Condition, Rule } from '../../../../engine/journey/schema';
import { useContactAttributes, useEventNames } from '../../api/workspace-data';

const OPERATORS: readonly { value: Rule['operator']; label: string }[] = [
  { value: 'equals', label: 'is' }, { value: 'not_equals', label: 'is not' }, { value: 'gt', label: '>' }, { value: 'gte', label: '≥' },
  { value: 'lt', label: '<' }, { value: 'lte', label: '≤' }, { value: 'contains', label: 'contains' }, { value: 'not_contains', label: 'does not contain' },
  { value: 'in', label: 'is one of' }, { value: 'not_in', label: 'is none of' }, { value: 'exists', label: 'is set' }, { value: 'not_exists', label: 'is not set' },
];

const isOperator = (value: string): value is Rule['operator'] => OPERATORS.some((operator) => operator.value === value);

function asCondition(value: unknown): Condition {
  const match: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, 'match') : undefined;
  const rules: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, 'rules') : undefined;
  return {
    match: match === 'any' ? 'any' : 'all',
    rules: Array.isArray(rules) ? rules.filter((rule): rule is Rule => typeof rule === 'object' && rule !== null && typeof Reflect.get(rule, 'field') === 'string') : [],
  };
}

/** What a marketer types becomes a number when it reads as one, a list for "one of". */
function parseValue(text: string, operator: Rule['operator']): Rule['value'] {
  const one = (part: string) => (/^-?\d+(\.\d+)?$/.test(part.trim()) ? Number(part) : part.trim() === 'true' ? true : part.trim() === 'false' ? false : part.trim());
  if (operator === 'in' || operator === 'not_in') return text.split(',').filter((part) => part.trim() !== '').map(one);
  return text === '' ? undefined : one(text);
}

const valueText = (value: Rule['value']): string => (value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value));

/**
 * The condition builder: "all / any of" a list of rules, each a field (contact fields, the
 * workspace's attributes, scores, consent, the entry event's properties), an operator in
 * words, and a value.
 */
export function ConditionField({ formData, onChange, fieldPathId, name, schema, disabled, readonly, required }: FieldProps) {
  const id = fieldPathId.$id;
  const list = useId();
  const attributes = useContactAttributes();
  const events = useEventNames();
  const condition = asCondition(formData);
  const locked = disabled || readonly;
  const title = typeof schema.title === 'string' ? schema.title : name.replace(/^./, (first) => first.toUpperCase());
  const fields = [
    ...CONDITION_FIELDS.map((field) => ({ path: field.path, label: `${field.group}: ${field.label}` })),
    ...(attributes.data ?? []).map((attribute) => ({ path: `contact.attributes.${attribute.key}`, label: `Attribute: ${attribute.key}` })),
    ...[...new Set((events.data ?? []).flatMap((event) => event.properties))].map((property) => ({ path: `event.properties.${property}`, label: `Entry event: ${property}` })),
  ];
  // The field id tells the form this is a person's edit, not defaults being filled in.
  const change = (next: Condition | undefined) => onChange(next, fieldPathId.path, undefined, id);
  const changeRule = (index: number, rule: Rule) => change({ ...condition, rules: condition.rules.map((existing, at) => (at === index ? rule : existing)) });
  return (
    <fieldset className="condition-field" id={id}>
      <legend>{title}</legend>
      <label className="condition-match">
        Contacts matching
        <select value={condition.match} disabled={locked} onChange={(event) => change({ ...condition, match: event.target.value === 'any' ? 'any' : 'all' })}>
          <option value="all">all</option>
          <option value="any">any</option>
        </select>
        of these rules
      </label>
      <datalist id={list}>
        {fields.map((field) => (
          <option key={field.path} value={field.path}>
            {field.label}
          </option>
        ))}
      </datalist>
      <ol className="condition-rules">
        {condition.rules.map((rule, index) => {
          const needsValue = rule.operator !== 'exists' && rule.operator !== 'not_exists';
          return (
            // Keyed by count too: removing a rule must not leave a later row showing a typed value that moved.
            <li key={`${index}-${condition.rules.length}`} className="condition-rule">
              <input
                id={`${id}_rules_${index}_field`}
                aria-label={`Rule ${index + 1}: field`}
                list={list}
                value={rule.field}
                disabled={locked}
                placeholder="contact.attributes.plan"
                onChange={(event) => changeRule(index, { ...rule, field: event.target.value })}
              />
              <select
                id={`${id}_rules_${index}_operator`}
                aria-label={`Rule ${index + 1}: comparison`}
                value={rule.operator}
                disabled={locked}
                onChange={(event) => {
                  const operator = isOperator(event.target.value) ? event.target.value : rule.operator;
                  const { value: _value, ...rest } = rule;
                  changeRule(index, operator === 'exists' || operator === 'not_exists' ? { ...rest, operator } : { ...rule, operator });
                }}
              >
                {OPERATORS.map((operator) => (
                  <option key={operator.value} value={operator.value}>
                    {operator.label}
                  </option>
                ))}
              </select>
              {needsValue && (
                <input
                  id={`${id}_rules_${index}_value`}
                  aria-label={`Rule ${index + 1}: value`}
                  defaultValue={valueText(rule.value)}
                  disabled={locked}
                  placeholder={rule.operator === 'in' || rule.operator === 'not_in' ? 'gold, platinum' : 'value'}
                  onChange={(event) => {
                    const { value: _value, ...rest } = rule;
                    const value = parseValue(event.target.value, rule.operator);
                    changeRule(index, value === undefined ? rest : { ...rest, value });
                  }}
                />
              )}
              <button type="button" className="link-button" disabled={locked || condition.rules.length === 1} aria-label={`Remove rule ${index + 1}`} onClick={() => change({ ...condition, rules: condition.rules.filter((_, at) => at !== index) })}>
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <div className="condition-actions">
        <button type="button" disabled={locked} onClick={() => change({ ...condition, rules: [...condition.rules, { field: 'contact.email', operator: 'exists' }] })}>
          Add rule
        </button>
        {!required && condition.rules.length > 0 && (
          <button type="button" className="link-button" disabled={locked} onClick={() => change(undefined)}>
            No condition
          </button>
        )}
      </div>
    </fieldset>
  );
}
