import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root, found by walking up to the folder that holds prisma/schema.prisma.
 * Code runs both from source (jest, engine/…) and compiled (dist/engine/…), at different depths.
 */
export function projectRoot(from: string = __dirname): string {
  let current = from;
  for (;;) {
    if (existsSync(join(current, 'prisma', 'schema.prisma')) && existsSync(join(current, 'package.json'))) return current;
    const parent = dirname(current);
    if (parent === current) throw new Error(`Cannot find the project root (prisma/schema.prisma) above ${from}`);
    current = parent;
  }
}

export const migrationsDir = (): string => join(projectRoot(), 'prisma', 'migrations');
export const builtUiDir = (): string => join(projectRoot(), 'dist', 'ui');
export const toolsBinDir = (root: string = projectRoot()): string => join(root, '.tools', 'temporal', 'bin');
