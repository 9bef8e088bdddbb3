import { getUiOptions, type FieldProps } from '@rjsf/utils';
import { useContactAttributes, useEventNames } from '../../api/workspace-data';
import { isRecord, readRule, topOf, writeTop, type Join, type Rule, type Top } from './condition/model';
import { RuleRow } from './condition/RuleRow';
import { criteriaText } from './condition/sentence';
import { newRule, targetGroups, type Scope } from './condition/targets';

/** The event an event filter filters: the `event` beside it in the form's data (formContext.formData, see GeneratedForm). */
function siblingEvent(formContext: unknown, path: readonly (string | number)[]): string | undefined {
  let at: unknown = isRecord(formContext) ? formContext.formData : undefined;
  for (const step of path.slice(0, -1)) at = Array.isArray(at) && typeof step === 'number' ? at.at(step) : isRecord(at) ? at[String(step)] : undefined;
  return isRecord(at) && typeof at.event === 'string' ? at.event : undefined;
}

/**
 * The condition builder: "match all / any of" a list of rules, each picking what it tests
 * (contact fields, custom attributes, scores, the entry event's properties, tags, stages,
 * consent, topics, segments, events), an operator in words and its argument. An event filter
 * tests the event's properties only. What the rows cannot edit (nested groups...) is shown in
 * words and written back untouched. ui-schema.ts passes the scope and the entry event.
 */
export function ConditionField({ formData, onChange, fieldPathId, name, schema, uiSchema, registry, disabled, readonly, required }: FieldProps) {
  const id = fieldPathId.$id;
  const options = getUiOptions(uiSchema);
  const scope: Scope = options.scope === 'event' ? 'event' : 'contact';
  const entryEvent = typeof options.entryEvent === 'string' ? options.entryEvent : undefined;
  const attributes = useContactAttributes();
  const events = useEventNames();
  const formContext: unknown = registry.formContext;
  const tested = scope === 'event' ? siblingEvent(formContext, fieldPathId.path) : entryEvent;
  const known = (events.data ?? []).filter((event) => tested === undefined ? scope === 'event' : event.name === tested);
  const properties = [...new Set(known.flatMap((event) => event.properties))].sort();
  const top = topOf(formData);
  const rules = top.items.map(readRule);
  const editable = rules.filter((rule): rule is Rule => rule !== undefined && (scope === 'contact' || rule.type === 'property'));
  const groups = targetGroups(scope, (attributes.data ?? []).map((attribute) => attribute.key), properties, editable);
  const locked = Boolean(disabled || readonly);
  const title = typeof schema.title === 'string' ? schema.title : name.replace(/^./, (first) => first.toUpperCase()).replace(/([a-z])([A-Z])/g, '$1 $2');
  // The field id tells the form this is a person's edit, not defaults being filled in.
  const change = (next: Top | undefined) => onChange(next && writeTop(next), fieldPathId.path, undefined, id);
  const changeItem = (index: number, item: unknown) => change({ ...top, items: top.items.map((existing, at) => (at === index ? item : existing)) });
  return (
    <fieldset className="condition-field" id={id}>
      <legend>{title}</legend>
      <label className="condition-match">
        Match
        <select aria-label="Match" value={top.join} disabled={locked} onChange={(event) => change({ ...top, join: event.target.value === 'any' ? 'any' : 'all' satisfies Join })}>
          <option value="all">all</option>
          <option value="any">any</option>
        </select>
        of these rules{scope === 'event' ? ' on the event’s properties' : ''}
      </label>
      <ol className="condition-rules">
        {top.items.map((item, index) => {
          const rule = rules[index];
          const inScope = rule && (scope === 'contact' || rule.type === 'property');
          return (
            // Keyed by count too: removing a rule must not leave a later row showing a typed value that moved.
            <li key={`${index}-${top.items.length}`} className={inScope ? 'condition-rule' : 'condition-rule condition-fixed'}>
              {inScope ? (
                <RuleRow rule={rule} index={index} groups={groups} entryEvent={entryEvent} disabled={locked} onChange={(next) => changeItem(index, next)} />
              ) : (
                <p className="condition-sentence" role="note" aria-label={`Rule ${index + 1}, not editable here`}>{criteriaText(item)}</p>
              )}
              <button type="button" className="link-button" disabled={locked || top.items.length === 1} aria-label={`Remove rule ${index + 1}`} onClick={() => change({ ...top, items: top.items.filter((_, at) => at !== index) })}>
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <div className="condition-actions">
        <button type="button" disabled={locked} onClick={() => change({ ...top, items: [...top.items, newRule(scope, properties)] })}>
          Add rule
        </button>
        {!required && top.items.length > 0 && (
          <button type="button" className="link-button" disabled={locked} onClick={() => change(undefined)}>
            No condition
          </button>
        )}
      </div>
    </fieldset>
  );
}
