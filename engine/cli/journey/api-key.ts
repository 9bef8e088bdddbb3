import { SCOPES, type Scope } from '../../access/permissions';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db';
import { createApiKey } from '../../journeys/api-keys';
import { UsageError, type CliIo } from './io';

const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);

/** The `--scope` value, checked before the database is opened; default full (the workspace's admin key). */
export function parseScope(value: string | undefined): Scope {
  if (value === undefined) return 'full';
  if (!isScope(value)) throw new UsageError(`--scope must be one of ${SCOPES.join(', ')}, not "${value}"`);
  return value;
}

/**
 * `api-key create --workspace <slug> --name <name> [--scope full|ingest|read]`, on the
 * database `npm start` uses. Only the key goes to stdout, so `KEY=$(…)` captures it.
 */
export async function createApiKeyCommand(workspaceSlug: string, name: string, scope: Scope, io: CliIo): Promise<number> {
  const db = await openDatabase(loadConfig().database);
  try {
    await db.migrate();
    const workspace = await db.prisma.workspace.findUnique({ where: { slug: workspaceSlug }, select: { id: true } });
    if (!workspace) throw new UsageError(`no workspace with the slug "${workspaceSlug}"`);
    const created = await createApiKey(db.prisma, workspace.id, { name, scope, createdBy: 'cli' });
    io.out(created.key);
    io.err(`API key "${name}" (${created.prefix}…, scope ${scope}) created for workspace ${workspaceSlug}. It is shown once: store it now.`);
    return 0;
  } finally {
    await db.close();
  }
}
