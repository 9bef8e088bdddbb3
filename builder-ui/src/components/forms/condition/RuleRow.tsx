import { ALLOWED_OPERATORS } from '../../../../../engine/journey/conditions';
import { ArgumentInput } from './ArgumentInput';
import { comparisonPart, isCompared, kindOf, withComparison, type Rule } from './model';
import { SpecialInputs } from './SpecialInputs';
import { keyOf, ruleFor, type TargetGroup } from './targets';
import { ARGUMENT, asOperator, OPERATOR_WORDS } from './words';

interface Props {
  readonly rule: Rule;
  readonly index: number;
  readonly groups: readonly TargetGroup[];
  readonly entryEvent: string | undefined;
  readonly disabled: boolean;
  readonly onChange: (rule: Rule) => void;
}

/** One rule: what it tests (grouped picker), then how: an operator in words and its argument, or the special rule's controls. */
export function RuleRow({ rule, index, groups, entryEvent, disabled, onChange }: Props) {
  const name = `Rule ${index + 1}`;
  const key = keyOf(rule);
  return (
    <>
      <select aria-label={`${name}: what`} className="condition-target" disabled={disabled} value={key} onChange={(event) => onChange(ruleFor(event.target.value, rule, entryEvent))}>
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => <option key={option.key} value={option.key}>{option.label}</option>)}
          </optgroup>
        ))}
      </select>
      {rule.type === 'attribute' && rule.field.startsWith('attributes.') && (
        <input aria-label={`${name}: attribute key`} placeholder="plan" disabled={disabled} value={rule.field.slice('attributes.'.length)}
          onChange={(event) => onChange({ ...rule, field: `attributes.${event.target.value}` })} />
      )}
      {rule.type === 'property' && (
        <input aria-label={`${name}: property name`} placeholder="total" disabled={disabled} value={rule.property} onChange={(event) => onChange({ ...rule, property: event.target.value })} />
      )}
      {isCompared(rule) ? (
        <>
          <select aria-label={`${name}: comparison`} disabled={disabled} value={rule.operator}
            onChange={(event) => {
              const operator = asOperator(event.target.value) ?? rule.operator;
              const kept = comparisonPart(rule);
              // The argument stays when the new operator takes the same one ("is" → "is not"), else goes.
              const same = ARGUMENT[operator] === ARGUMENT[rule.operator];
              onChange(withComparison(rule, same ? { ...kept, operator } : { operator }));
            }}>
            {ALLOWED_OPERATORS[kindOf(rule)].map((operator) => <option key={operator} value={operator}>{OPERATOR_WORDS[operator]}</option>)}
          </select>
          <ArgumentInput key={`${key}:${rule.operator}`} comparison={comparisonPart(rule)} kind={kindOf(rule)} name={name} disabled={disabled} onChange={(comparison) => onChange(withComparison(rule, comparison))} />
        </>
      ) : (
        <SpecialInputs rule={rule} name={name} disabled={disabled} onChange={onChange} />
      )}
    </>
  );
}
