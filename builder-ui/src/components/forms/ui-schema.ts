import type { RJSFSchema, UiSchema } from '@rjsf/utils';

/** What the form knows beyond the schema: which fields are Liquid, the channel, the entry event. */
export interface FormHints {
  templateFields?: readonly string[];
  channel?: 'email' | 'sms' | undefined;
  entryEvent?: string | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ amount, unit }`, as durations are written in the journey language. */
function isDuration(schema: Record<string, unknown>): boolean {
  const properties = schema.properties;
  return isObject(properties) && Object.keys(properties).sort().join(',') === 'amount,unit';
}

/** Where journeys hold a condition: an open object (the tree is checked by the compiler) named so. */
const CONDITION_KEYS = new Set(['condition', 'filter', 'entryFilter']);
function isCondition(key: string, schema: Record<string, unknown>): boolean {
  return CONDITION_KEYS.has(key) && schema.type === 'object' && schema.additionalProperties === true;
}

/** The widgets of each shape of a union (exit criteria): rjsf applies `anyOf[i]` to the shape chosen. */
function unionUi(schema: unknown, hints: FormHints, path: readonly string[]): UiSchema {
  if (!isObject(schema)) return {};
  if (!Array.isArray(schema.anyOf)) return uiSchemaFor(schema, hints, path);
  const options = schema.anyOf.map((option: unknown) => (isObject(option) ? uiSchemaFor(option, hints, path) : {}));
  return options.some((option) => Object.keys(option).length > 0) ? { anyOf: options } : {};
}

/**
 * The custom widgets, chosen by the shape and name of each field rather than written per
 * node: durations, event names, segments, templates and Liquid text, wherever they occur.
 */
export function uiSchemaFor(schema: RJSFSchema, hints: FormHints = {}, path: readonly string[] = []): UiSchema {
  const ui: UiSchema = {};
  const properties = schema.properties;
  if (isObject(properties)) {
    for (const [key, property] of Object.entries(properties)) {
      if (!isObject(property)) continue;
      const at = [...path, key];
      const dotted = at.join('.');
      if (path.length === 0 && key === 'type') ui[key] = { 'ui:widget': 'hidden' };
      else if (isDuration(property)) ui[key] = { 'ui:field': 'duration' };
      // An event filter tests the event's properties only; other conditions the contact and the entry event.
      else if (isCondition(key, property)) ui[key] = { 'ui:field': 'condition', 'ui:options': { scope: key === 'filter' ? 'event' : 'contact', entryEvent: hints.entryEvent } };
      else if (hints.templateFields?.includes(dotted)) ui[key] = { 'ui:widget': 'liquid', 'ui:options': { multiline: !['subject', 'url', 'from'].includes(key), entryEvent: hints.entryEvent } };
      else if (key === 'event' && property.type === 'string') ui[key] = { 'ui:widget': 'eventName' };
      else if (key === 'segmentId') ui[key] = { 'ui:widget': 'segment' };
      else if (key === 'templateId' && hints.channel) ui[key] = { 'ui:widget': 'template', 'ui:options': { channel: hints.channel } };
      else {
        const nested = uiSchemaFor(property, hints, at);
        const itemUi = unionUi(property.items, hints, at);
        const merged: UiSchema = { ...nested, ...(Object.keys(itemUi).length > 0 && { items: itemUi }) };
        if (Object.keys(merged).length > 0) ui[key] = merged;
      }
    }
  }
  return ui;
}
