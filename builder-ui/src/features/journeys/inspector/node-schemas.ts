import type { TSchema } from 'typebox';
import { findAction, type ActionCatalog } from '../../../../../engine/journey/catalog';
import { BranchConfig, ExitConfig, TriggerConfig, WaitConfig, type DraftNode } from '../../../../../engine/journey/schema';

/** The variants a node kind's config may take (`type`), each with its JSON Schema. */
export interface ConfigVariant {
  type: string;
  label: string;
  schema: TSchema;
}

const TYPE_LABELS: Readonly<Record<string, string>> = {
  event: 'An event happens', segment_entered: 'Enters a segment', segment_exited: 'Leaves a segment', attribute_changed: 'An attribute changes',
  score_crossed: 'A score crosses a threshold', stage_changed: 'The lifecycle stage changes', consent_changed: 'Consent changes',
  date_attribute: 'A date (birthday, renewal…)', schedule: 'On a schedule', manual: 'By hand or by the API',
  delay: 'For a while', until_date: 'Until a date', time_window: 'Until a time window', condition: 'Until a condition holds',
  random: 'Random split', ab_test: 'A/B test',
};

function typeOf(schema: TSchema): string {
  const properties: unknown = Reflect.get(schema, 'properties');
  const type: unknown = typeof properties === 'object' && properties !== null ? Reflect.get(properties, 'type') : undefined;
  const constant: unknown = typeof type === 'object' && type !== null ? Reflect.get(type, 'const') : undefined;
  return typeof constant === 'string' ? constant : 'unknown';
}

function variantsOf(union: { anyOf: readonly TSchema[] }, overrides: Readonly<Record<string, string>> = {}): ConfigVariant[] {
  return union.anyOf.map((schema) => {
    const type = typeOf(schema);
    return { type, label: overrides[type] ?? TYPE_LABELS[type] ?? type, schema };
  });
}

export const TRIGGER_VARIANTS = variantsOf(TriggerConfig);
export const WAIT_VARIANTS = variantsOf(WaitConfig, { event: 'Until an event (or timeout)', condition: 'Until a condition holds (or timeout)' });
export const BRANCH_VARIANTS = variantsOf(BranchConfig, { condition: 'If / else on conditions' });

/** The schema the side panel's form is generated from, for the node as it is now. */
export function formSchemaOf(node: DraftNode, catalog: ActionCatalog): TSchema | undefined {
  switch (node.kind) {
    case 'trigger':
      return TRIGGER_VARIANTS.find((variant) => variant.type === node.config.type)?.schema;
    case 'wait':
      return WAIT_VARIANTS.find((variant) => variant.type === node.config.type)?.schema;
    case 'branch':
      return BRANCH_VARIANTS.find((variant) => variant.type === node.config.type)?.schema;
    case 'action':
      return findAction(catalog, node.config.actionId, node.config.actionVersion)?.input;
    case 'exit':
      return ExitConfig;
  }
}
