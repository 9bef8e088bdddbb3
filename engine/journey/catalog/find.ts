import type { ActionCatalog, ActionCatalogEntry } from './schema';

const indexes = new WeakMap<ActionCatalog, ReadonlyMap<string, ActionCatalogEntry>>();

const key = (actionId: string, version: number): string => `${actionId}@${version}`;

/** The catalog entry of one action version; the index is built once per catalog array. */
export function findAction(catalog: ActionCatalog, actionId: string, version: number): ActionCatalogEntry | undefined {
  let index = indexes.get(catalog);
  if (!index) {
    index = new Map(catalog.map((entry) => [key(entry.id, entry.version), entry]));
    indexes.set(catalog, index);
  }
  return index.get(key(actionId, version));
}
