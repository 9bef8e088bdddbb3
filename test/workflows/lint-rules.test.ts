import { join } from 'node:path';
import { ESLint } from 'eslint';

// The import rules of eslint.config.mjs are the only guard between workflow code and the
// modules that would break replay; prove they fire.
const root = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function problems(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('architecture lint rules', () => {
  it('refuse Node built-ins, Prisma and activity implementations in workflow code', async () => {
    const found = await problems(
      [
        "import { readFileSync } from 'node:fs';",
        "import { PrismaClient } from '../../prisma/generated/client';",
        "import { createJourneyActivities } from '../../activities/journey';",
        'export const used = [readFileSync, PrismaClient, createJourneyActivities];',
      ].join('\n'),
      'workflows/journey/ids.ts',
    );
    expect(found).toEqual([
      expect.stringContaining('no Node built-ins'),
      expect.stringContaining('only through activities'),
      expect.stringContaining('as types only'),
    ]);
  });

  it('allow activity types and the workflow SDK', async () => {
    const found = await problems(
      ["import type { JourneyActivities } from '../../activities/journey';", "import { sleep } from '@temporalio/workflow';", 'export type A = JourneyActivities;', 'export const s = sleep;'].join('\n'),
      'workflows/journey/ids.ts',
    );
    expect(found).toEqual([]);
  });

  it('keep engine/journey free of database and HTTP imports', async () => {
    const found = await problems("import fastify from 'fastify';\nexport const app = fastify;", 'engine/journey/conditions/evaluate.ts');
    expect(found).toEqual([expect.stringContaining('engine/journey is pure')]);
  });
});
