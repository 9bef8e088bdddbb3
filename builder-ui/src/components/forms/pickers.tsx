import type { WidgetProps } from '@rjsf/utils';
import { useId } from 'react';
import { useEventNames, useSegments, useTemplates } from '../../api/workspace-data';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** An event name: free text, suggesting the names this workspace has received (with how often). */
export function EventNameWidget({ id, value, onChange, disabled, readonly, required, label }: WidgetProps) {
  const events = useEventNames();
  const list = useId();
  const known = events.data?.find((event) => event.name === value);
  return (
    <>
      <input
        id={id}
        list={list}
        value={text(value)}
        required={required}
        disabled={disabled || readonly}
        aria-label={label}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      />
      <datalist id={list}>
        {events.data?.map((event) => (
          <option key={event.name} value={event.name}>
            {event.count} received
          </option>
        ))}
      </datalist>
      {typeof value === 'string' && value !== '' && events.data && (
        <p className="field-description">{known ? `Received ${known.count} times; properties: ${known.properties.join(', ') || 'none'}.` : 'Not received in this workspace yet.'}</p>
      )}
    </>
  );
}

/** A segment of the workspace, by name. */
export function SegmentWidget({ id, value, onChange, disabled, readonly, required, label }: WidgetProps) {
  const segments = useSegments();
  const current = text(value);
  const known = segments.data?.some((segment) => segment.id === current);
  return (
    <select id={id} value={current} required={required} disabled={disabled || readonly} aria-label={label} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}>
      <option value="">{segments.isPending ? 'Loading segments…' : 'Choose a segment'}</option>
      {current && !known && <option value={current}>Unknown segment ({current})</option>}
      {segments.data?.map((segment) => (
        <option key={segment.id} value={segment.id}>
          {segment.name} · {segment.members} members
        </option>
      ))}
    </select>
  );
}

/** A saved template of the action's channel, with a preview of what it holds. */
export function TemplateWidget({ id, value, onChange, disabled, readonly, required, label, options }: WidgetProps) {
  const channel = options.channel === 'sms' ? 'sms' : 'email';
  const templates = useTemplates(channel);
  const current = text(value);
  const chosen = templates.data?.find((template) => template.id === current);
  return (
    <>
      <select id={id} value={current} required={required} disabled={disabled || readonly} aria-label={label} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}>
        <option value="">{templates.data?.length === 0 ? `No ${channel} templates yet: write the message here` : 'None: write the message here'}</option>
        {current && !chosen && !templates.isPending && <option value={current}>Unknown template ({current})</option>}
        {templates.data?.map((template) => (
          <option key={template.id} value={template.id}>
            {template.name}
          </option>
        ))}
      </select>
      {chosen && (
        <div className="template-preview" aria-label={`Preview of ${chosen.name}`}>
          {chosen.subject && <strong>{chosen.subject}</strong>}
          <p>{(chosen.textBody ?? chosen.body).replace(/<[^>]+>/g, ' ').slice(0, 240)}</p>
        </div>
      )}
    </>
  );
}
