import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { ActionCatalogEntry, type ActionCatalog } from '../../../engine/journey/catalog';
// The built-in catalog as GET /v1/actions serves it (kept fresh by test/docs/action-catalog.test.ts).
import catalogDocument from '../../../docs/action-catalog.json';

const Catalog = Type.Array(ActionCatalogEntry);

/** The built-in action catalog, checked against its schema as the browser would receive it. */
export function builtInCatalog(): ActionCatalog {
  const actions: unknown = catalogDocument.actions;
  if (!Value.Check(Catalog, actions)) throw new Error('docs/action-catalog.json is not an action catalog: run `npm run openapi`');
  return actions;
}
