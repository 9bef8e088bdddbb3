import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { openApiDocument } from '../openapi';

/** `npm run openapi`: writes the API's OpenAPI document to docs/openapi.json. */
async function main(): Promise<void> {
  const target = resolve(process.cwd(), 'docs', 'openapi.json');
  await writeFile(target, await openApiDocument());
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`journey-engine openapi: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
