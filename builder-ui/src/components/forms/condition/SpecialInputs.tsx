import { useId } from 'react';
import { LifecycleStage } from '../../../../../engine/journey/schema';
import { useEventNames, useSegments } from '../../../api/workspace-data';
import { CHANNELS, CONSENT_STATUSES, type Compared, type Rule } from './model';

// The controls of the rules that are not a field compared with a value: tags, lifecycle stage,
// consent, topics, segments and performed events.

type Special = Exclude<Rule, Compared>;
interface Props {
  readonly rule: Special;
  readonly name: string;
  readonly disabled: boolean;
  readonly onChange: (rule: Special) => void;
}

const STAGES: readonly string[] = LifecycleStage.enum;
const words = (value: string) => value.replaceAll('_', ' ');

export function SpecialInputs({ rule, name, disabled, onChange }: Props) {
  const label = (what: string) => `${name}: ${what}`;
  switch (rule.type) {
    case 'tag':
      return (
        <>
          <select aria-label={label('comparison')} disabled={disabled} value={rule.operator} onChange={(event) => onChange({ ...rule, operator: event.target.value === 'has_not' ? 'has_not' : 'has' })}>
            <option value="has">has</option>
            <option value="has_not">doesn't have</option>
          </select>
          <input aria-label={label('tag')} placeholder="vip" disabled={disabled} value={rule.tag} onChange={(event) => onChange({ ...rule, tag: event.target.value })} />
        </>
      );
    case 'lifecycle_stage':
    case 'journey_stage':
      return (
        <>
          <select aria-label={label('comparison')} disabled={disabled} value={rule.operator} onChange={(event) => onChange({ ...rule, operator: event.target.value === 'not_in' ? 'not_in' : 'in' })}>
            <option value="in">is one of</option>
            <option value="not_in">is none of</option>
          </select>
          <select multiple aria-label={label('stages')} disabled={disabled} value={rule.values} onChange={(event) => onChange({ ...rule, values: [...event.target.selectedOptions].map((option) => option.value) })}>
            {[...new Set([...STAGES, ...rule.values])].map((stage) => <option key={stage} value={stage}>{words(stage)}</option>)}
          </select>
        </>
      );
    case 'consent':
      return (
        <>
          <select aria-label={label('channel')} disabled={disabled} value={rule.channel} onChange={(event) => onChange({ ...rule, channel: CHANNELS.find((channel) => channel === event.target.value) ?? rule.channel })}>
            {CHANNELS.map((channel) => <option key={channel} value={channel}>{channel}</option>)}
          </select>
          <select aria-label={label('status')} disabled={disabled} value={rule.status} onChange={(event) => onChange({ ...rule, status: CONSENT_STATUSES.find((status) => status === event.target.value) ?? rule.status })}>
            {CONSENT_STATUSES.map((status) => <option key={status} value={status}>{status === 'none' ? 'never asked' : status}</option>)}
          </select>
        </>
      );
    case 'topic':
      return (
        <>
          <select aria-label={label('subscribed')} disabled={disabled} value={String(rule.subscribed)} onChange={(event) => onChange({ ...rule, subscribed: event.target.value === 'true' })}>
            <option value="true">is subscribed to</option>
            <option value="false">is not subscribed to</option>
          </select>
          <input aria-label={label('topic')} placeholder="newsletter" disabled={disabled} value={rule.topic} onChange={(event) => onChange({ ...rule, topic: event.target.value })} />
        </>
      );
    case 'segment':
      return <SegmentInputs rule={rule} label={label} disabled={disabled} onChange={onChange} />;
    case 'event':
      return <EventInputs rule={rule} label={label} disabled={disabled} onChange={onChange} />;
  }
}

type Of<T extends Special['type']> = Extract<Special, { type: T }>;
interface Part<T extends Special['type']> {
  readonly rule: Of<T>;
  readonly label: (what: string) => string;
  readonly disabled: boolean;
  readonly onChange: (rule: Of<T>) => void;
}

function SegmentInputs({ rule, label, disabled, onChange }: Part<'segment'>) {
  const segments = useSegments();
  const known = segments.data?.some((segment) => segment.id === rule.segmentId);
  return (
    <>
      <select aria-label={label('comparison')} disabled={disabled} value={rule.operator} onChange={(event) => onChange({ ...rule, operator: event.target.value === 'not_member' ? 'not_member' : 'member' })}>
        <option value="member">is in segment</option>
        <option value="not_member">is not in segment</option>
      </select>
      <select aria-label={label('segment')} disabled={disabled} value={rule.segmentId} onChange={(event) => onChange({ ...rule, segmentId: event.target.value })}>
        <option value="">{segments.isPending ? 'Loading segments…' : 'Choose a segment'}</option>
        {rule.segmentId && !known && <option value={rule.segmentId}>Unknown segment ({rule.segmentId})</option>}
        {segments.data?.map((segment) => <option key={segment.id} value={segment.id}>{segment.name}</option>)}
      </select>
    </>
  );
}

function EventInputs({ rule, label, disabled, onChange }: Part<'event'>) {
  const events = useEventNames();
  const list = useId();
  const { withinDays: _withinDays, ...ever } = rule;
  const days = Number(rule.withinDays);
  return (
    <>
      <input aria-label={label('event')} list={list} placeholder="Order Completed" disabled={disabled} value={rule.name} onChange={(event) => onChange({ ...rule, name: event.target.value })} />
      <datalist id={list}>{events.data?.map((event) => <option key={event.name} value={event.name} />)}</datalist>
      <label className="condition-inline">
        at least once, in the last
        <input type="number" min={1} step={1} aria-label={label('in the last … days (empty: ever)')} disabled={disabled} value={Number.isFinite(days) ? days : ''}
          onChange={(event) => onChange(event.target.value === '' ? ever : { ...rule, withinDays: Number(event.target.value) })} />
        days
      </label>
    </>
  );
}
