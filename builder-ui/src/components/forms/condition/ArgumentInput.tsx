import type { ValueKind } from '../../../../../engine/journey/conditions';
import type { Comparison } from '../../../../../engine/journey/conditions/language';
import { ARGUMENT, NUMERIC_OPERATORS, TEXT_OPERATORS } from './words';

// The input for what an operator compares with, typed by the argument it needs: a value
// (number, yes/no or text by the field's kind), a list, a range, a date or a number of days.

interface Props {
  readonly comparison: Comparison;
  readonly kind: ValueKind;
  /** "Rule 2", prefixed to each control's accessible name. */
  readonly name: string;
  readonly disabled: boolean;
  readonly onChange: (comparison: Comparison) => void;
}

const numberOf = (text: string): number | undefined => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));

/** Free text typed for a field of any kind reads as a number or yes/no when it plainly is one. */
function scalarOf(text: string, kind: ValueKind, comparison: Comparison): string | number | boolean | undefined {
  if (text.trim() === '') return undefined;
  if (kind === 'text' || TEXT_OPERATORS.includes(comparison.operator)) return text;
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text.trim())) return Number(text);
  return kind === 'any' && ARGUMENT[comparison.operator] === 'value' && (text.trim() === 'true' || text.trim() === 'false') ? text.trim() === 'true' : text.trim();
}

export function ArgumentInput({ comparison, kind, name, disabled, onChange }: Props) {
  const { operator } = comparison;
  const set = (argument: Partial<Comparison>) => {
    const next: Comparison = { ...comparison, ...argument };
    for (const key of ['value', 'values', 'from', 'to', 'date', 'days'] as const) if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  const number = (key: 'value' | 'from' | 'to' | 'days', label: string, current: unknown) => (
    <input type="number" aria-label={`${name}: ${label}`} disabled={disabled} min={key === 'days' ? 1 : undefined} step={key === 'days' ? 1 : 'any'}
      value={typeof current === 'number' ? current : ''} onChange={(event) => set({ [key]: numberOf(event.target.value) })} />
  );
  switch (ARGUMENT[operator]) {
    case 'none':
      return null;
    case 'days':
      return number('days', 'days', comparison.days);
    case 'range':
      return (
        <span className="condition-range">
          {number('from', 'from', comparison.from)} and {number('to', 'to', comparison.to)}
        </span>
      );
    case 'date':
      return <input type="date" aria-label={`${name}: date`} disabled={disabled} value={comparison.date?.slice(0, 10) ?? ''} onChange={(event) => set({ date: event.target.value || undefined })} />;
    case 'values':
      return (
        <input aria-label={`${name}: values`} placeholder="gold, platinum" disabled={disabled} defaultValue={(comparison.values ?? []).join(', ')}
          onChange={(event) => {
            const values = event.target.value.split(',').map((part) => scalarOf(part.trim(), kind, comparison)).filter((part): part is string | number => typeof part === 'string' || typeof part === 'number');
            set({ values: values.length > 0 ? values : undefined });
          }} />
      );
    case 'value':
      if (kind === 'number' || NUMERIC_OPERATORS.includes(operator)) return number('value', 'value', comparison.value);
      if (kind === 'boolean') {
        return (
          <select aria-label={`${name}: value`} disabled={disabled} value={comparison.value === undefined ? '' : String(comparison.value)}
            onChange={(event) => set({ value: event.target.value === '' ? undefined : event.target.value === 'true' })}>
            <option value="">Choose…</option>
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
        );
      }
      return <input aria-label={`${name}: value`} placeholder="value" disabled={disabled} defaultValue={comparison.value === undefined ? '' : String(comparison.value)} onChange={(event) => set({ value: scalarOf(event.target.value, kind, comparison) })} />;
  }
}
