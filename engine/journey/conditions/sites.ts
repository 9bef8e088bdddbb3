import { isRecord } from './json';
import type { ConditionScope } from './validate';

// Where conditions sit in a journey draft or plan (both shapes: draft nodes are a list, plan
// nodes a record). One list of places, used to check every condition with its scope and to
// upgrade old conditions in place; reading unknown JSON, so it works before validation.

export interface ConditionSite {
  /** The node holding it; absent for the journey's settings. */
  readonly nodeId?: string;
  /** As compile issues name fields: `config.branches.0.condition`, `settings.entryFilter`. */
  readonly field: string;
  /** Event filters test the event's properties only; the rest test the contact (and the entry event). */
  readonly scope: Exclude<ConditionScope, 'segment'>;
  readonly value: unknown;
  /** Replaces the condition in the document (the document is edited in place). */
  readonly replace: (value: unknown) => void;
}

type Json = Record<string, unknown>;

export function conditionSites(document: unknown): ConditionSite[] {
  if (!isRecord(document)) return [];
  const sites: ConditionSite[] = [];
  const at = (holder: Json, key: string, field: string, scope: ConditionSite['scope'], nodeId?: string): void => {
    if (holder[key] === undefined) return;
    sites.push({ ...(nodeId !== undefined && { nodeId }), field, scope, value: holder[key], replace: (value) => void (holder[key] = value) });
  };
  const nodes = Array.isArray(document.nodes) ? document.nodes : isRecord(document.nodes) ? Object.values(document.nodes) : [];
  for (const node of nodes) {
    if (!isRecord(node) || !isRecord(node.config) || typeof node.id !== 'string') continue;
    const { config, id } = node;
    if ((node.kind === 'trigger' || node.kind === 'wait') && config.type === 'event') at(config, 'filter', 'config.filter', 'event', id);
    if (node.kind === 'wait' && config.type === 'condition') at(config, 'condition', 'config.condition', 'contact', id);
    if (node.kind === 'branch' && config.type === 'condition' && Array.isArray(config.branches)) {
      config.branches.forEach((branch: unknown, index) => {
        if (isRecord(branch)) at(branch, 'condition', `config.branches.${index}.condition`, 'contact', id);
      });
    }
  }
  const settings = document.settings;
  if (isRecord(settings)) {
    at(settings, 'entryFilter', 'settings.entryFilter', 'contact');
    if (Array.isArray(settings.exitCriteria)) {
      settings.exitCriteria.forEach((criterion: unknown, index) => {
        if (!isRecord(criterion)) return;
        if (criterion.type === 'event') at(criterion, 'filter', `settings.exitCriteria.${index}.filter`, 'event');
        if (criterion.type === 'condition') at(criterion, 'condition', `settings.exitCriteria.${index}.condition`, 'contact');
      });
    }
  }
  return sites;
}
