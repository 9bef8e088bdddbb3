import type { WidgetProps } from '@rjsf/utils';
import { useRef } from 'react';
import { useContactAttributes, useEventNames } from '../../api/workspace-data';

const CONTACT_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'company', 'locale', 'timezone', 'lifecycleStage'];

/**
 * A Liquid template field with the variables the engine provides one choice away: contact
 * fields, the workspace's custom attributes, the entry event's properties, the journey, and
 * the unsubscribe and preference links. The choice is inserted at the cursor.
 */
export function LiquidWidget({ id, value, onChange, disabled, readonly, required, label, options }: WidgetProps) {
  const field = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const attributes = useContactAttributes();
  const events = useEventNames();
  const entryEvent = typeof options.entryEvent === 'string' ? options.entryEvent : undefined;
  const eventProperties = events.data?.find((event) => event.name === entryEvent)?.properties ?? [];
  const variables = [
    ...CONTACT_FIELDS.map((name) => `contact.${name}`),
    ...(attributes.data ?? []).map((attribute) => `contact.attributes.${attribute.key}`),
    ...eventProperties.map((property) => `event.properties.${property}`),
    'journey.name',
    'unsubscribe_url',
    'preferences_url',
  ];
  const current = typeof value === 'string' ? value : '';
  const insert = (variable: string) => {
    const element = field.current;
    const at = element?.selectionStart ?? current.length;
    const end = element?.selectionEnd ?? at;
    const tag = `{{ ${variable} }}`;
    onChange(`${current.slice(0, at)}${tag}${current.slice(end)}`);
    window.requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(at + tag.length, at + tag.length);
    });
  };
  const common = {
    id,
    value: current,
    required,
    disabled: disabled || readonly,
    'aria-label': label,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value === '' ? undefined : event.target.value),
  };
  return (
    <div className="liquid-field">
      {options.multiline === false ? <input ref={field} {...common} /> : <textarea ref={field} rows={5} {...common} />}
      <select
        className="insert-variable"
        aria-label={`Insert a variable into ${label}`}
        value=""
        disabled={disabled || readonly}
        onChange={(event) => event.target.value && insert(event.target.value)}
      >
        <option value="">Insert variable…</option>
        {variables.map((variable) => (
          <option key={variable} value={variable}>
            {variable}
          </option>
        ))}
      </select>
    </div>
  );
}
