import type { ActionCatalog } from '../../../../../engine/journey/catalog';
import type { DraftNode } from '../../../../../engine/journey/schema';

/** One thing the palette offers: it builds a fresh node (with sensible defaults) at a position. */
export interface PaletteItem {
  key: string;
  label: string;
  description: string;
  icon: string;
  group: string;
  kind: DraftNode['kind'];
  make(id: string, position: { x: number; y: number }): DraftNode;
}

const FLOW_ITEMS: readonly PaletteItem[] = [
  { key: 'wait.delay', label: 'Wait', description: 'Pause for a while', icon: 'clock', group: 'Flow', kind: 'wait', make: (id, position) => ({ id, kind: 'wait', position, config: { type: 'delay', duration: { amount: 1, unit: 'days' } } }) },
  { key: 'wait.event', label: 'Wait for event', description: 'Until an event happens, or a timeout', icon: 'hourglass', group: 'Flow', kind: 'wait', make: (id, position) => ({ id, kind: 'wait', position, config: { type: 'event', event: 'Order Completed', timeout: { amount: 3, unit: 'days' } } }) },
  { key: 'wait.time_window', label: 'Wait for time window', description: 'Until the contact’s local hours', icon: 'calendar-clock', group: 'Flow', kind: 'wait', make: (id, position) => ({ id, kind: 'wait', position, config: { type: 'time_window', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00', fallbackTimezone: 'UTC' } }) },
  {
    key: 'branch.condition', label: 'If / else', description: 'Split on what you know of the contact', icon: 'git-branch', group: 'Flow', kind: 'branch',
    make: (id, position) => ({ id, kind: 'branch', position, config: { type: 'condition', branches: [{ id: 'yes', label: 'Yes', condition: { all: [{ type: 'attribute', field: 'email', operator: 'exists' }] } }] } }),
  },
  { key: 'branch.random', label: 'Random split', description: 'Send shares of contacts down each path', icon: 'split', group: 'Flow', kind: 'branch', make: (id, position) => ({ id, kind: 'branch', position, config: { type: 'random', paths: [{ id: 'a', label: 'A', percent: 50 }, { id: 'b', label: 'B', percent: 50 }] } }) },
  { key: 'branch.ab_test', label: 'A/B test', description: 'Sticky variants with a holdout', icon: 'split', group: 'Flow', kind: 'branch', make: (id, position) => ({ id, kind: 'branch', position, config: { type: 'ab_test', variants: [{ id: 'a', label: 'Variant A', percent: 45 }, { id: 'b', label: 'Variant B', percent: 45 }], holdoutPercent: 10 } }) },
  { key: 'exit', label: 'Exit', description: 'End the journey here', icon: 'circle-stop', group: 'Flow', kind: 'exit', make: (id, position) => ({ id, kind: 'exit', position, config: {} }) },
];

const GROUPS: Readonly<Record<string, string>> = { messaging: 'Messages', crm: 'Contact & CRM', integration: 'Integrations', flow: 'Flow', custom: 'Custom actions' };

/** Node kinds plus every action of the catalog (custom ones included), grouped by category. */
export function paletteItems(catalog: ActionCatalog): PaletteItem[] {
  // Only the newest version of each action is offered for new steps.
  const newest = new Map<string, ActionCatalog[number]>();
  for (const entry of catalog) if ((newest.get(entry.id)?.version ?? 0) < entry.version) newest.set(entry.id, entry);
  const actions = [...newest.values()].map((entry): PaletteItem => ({
    key: `action.${entry.id}`,
    label: entry.label,
    description: entry.description,
    icon: entry.icon,
    group: GROUPS[entry.category] ?? entry.category,
    kind: 'action',
    make: (id, position) => ({ id, kind: 'action', position, config: { actionId: entry.id, actionVersion: entry.version, input: {} } }),
  }));
  return [...actions, ...FLOW_ITEMS];
}

export const PALETTE_MIME = 'application/x-journey-palette-item';
