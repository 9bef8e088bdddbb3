import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../../engine/openapi';

// The committed OpenAPI document is what the route schemas generate: a route or schema change
// without `npm run openapi` fails here (and so in CI).
describe('docs/openapi.json', () => {
  it('is the document the routes generate', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8');
    const generated = await openApiDocument();
    if (committed !== generated) throw new Error('docs/openapi.json is stale: run `npm run openapi` and commit the result');
    const document: unknown = JSON.parse(generated);
    expect(document).toMatchObject({ openapi: '3.1.0', paths: expect.objectContaining({ '/v1/track': expect.anything(), '/v1/contacts/': expect.anything(), '/v1/segments/': expect.anything() }) });
  });
});
