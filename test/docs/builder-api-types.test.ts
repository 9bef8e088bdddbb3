import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The builder's API types are generated from docs/openapi.json by openapi-typescript: a route
// changed without `npm run openapi` fails here, so UI types cannot drift from the API.
describe('builder-ui/src/api/schema.ts', () => {
  it('is what openapi-typescript generates from docs/openapi.json', () => {
    const root = join(__dirname, '..', '..');
    const generated = execFileSync(process.execPath, [join(root, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), join(root, 'docs', 'openapi.json')], { encoding: 'utf8', cwd: root });
    const committed = readFileSync(join(root, 'builder-ui', 'src', 'api', 'schema.ts'), 'utf8');
    if (committed !== generated) throw new Error('builder-ui/src/api/schema.ts is stale: run `npm run openapi` and commit the result');
  });
});
