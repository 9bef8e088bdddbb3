import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionCatalogDocument } from '../../engine/openapi';

// The committed action catalog is what the built-in actions declare: an action changed
// without `npm run openapi` fails here (and so in CI).
describe('docs/action-catalog.json', () => {
  it('is the catalog the built-in actions generate', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'action-catalog.json'), 'utf8');
    if (committed !== actionCatalogDocument()) throw new Error('docs/action-catalog.json is stale: run `npm run openapi` and commit the result');
  });
});
