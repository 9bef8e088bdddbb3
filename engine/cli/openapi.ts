import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { actionCatalogDocument, openApiDocument } from '../openapi';

/**
 * `npm run openapi`: writes the API's OpenAPI document to docs/openapi.json and the built-in
 * action catalog to docs/action-catalog.json (the builder's typed client is then generated
 * from the first; tests check all three are fresh).
 */
async function main(): Promise<void> {
  const docs = resolve(process.cwd(), 'docs');
  await writeFile(resolve(docs, 'openapi.json'), await openApiDocument());
  await writeFile(resolve(docs, 'action-catalog.json'), actionCatalogDocument());
  process.stdout.write(`wrote ${docs}/openapi.json and ${docs}/action-catalog.json\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`journey-engine openapi: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
