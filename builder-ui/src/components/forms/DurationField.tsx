import type { FieldProps } from '@rjsf/utils';

const UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;
type Unit = (typeof UNITS)[number];

function unitOf(value: unknown): Unit {
  return UNITS.find((unit) => unit === value) ?? 'days';
}

function member(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

/** A duration as marketers say it: "2 days", one number and one unit on a line. */
export function DurationField({ formData, onChange, fieldPathId, name, schema, disabled, readonly, required, rawErrors }: FieldProps) {
  const id = fieldPathId.$id;
  const amount = member(formData, 'amount');
  const unit = unitOf(member(formData, 'unit'));
  const title = typeof schema.title === 'string' ? schema.title : name.replace(/^./, (first) => first.toUpperCase());
  // The field id tells the form this is a person's edit, not defaults being filled in.
  const change = (next: { amount: unknown; unit: Unit }) => onChange(next, fieldPathId.path, undefined, id);
  return (
    <fieldset className="duration-field" id={id}>
      <legend>
        {title}
        {required && <span className="required">*</span>}
      </legend>
      <div className="duration-inputs">
        <input
          id={`${id}_amount`}
          type="number"
          min={1}
          step={1}
          aria-label={`${title}: amount`}
          value={typeof amount === 'number' ? amount : ''}
          disabled={disabled || readonly}
          onChange={(event) => change({ amount: event.target.value === '' ? undefined : Number(event.target.value), unit })}
        />
        <select id={`${id}_unit`} aria-label={`${title}: unit`} value={unit} disabled={disabled || readonly} onChange={(event) => change({ amount, unit: unitOf(event.target.value) })}>
          {UNITS.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </div>
      {rawErrors && rawErrors.length > 0 && <p className="error-detail">{rawErrors.join(' ')}</p>}
    </fieldset>
  );
}
