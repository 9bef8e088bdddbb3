import { loadConfig } from '../../config';
import { openDatabase } from '../../db';
import { createApiKey } from '../../journeys/api-keys';
import { UsageError, type CliIo } from './io';

/** `api-key create --workspace <slug> --name <name>`, on the database `npm start` uses. */
export async function createApiKeyCommand(workspaceSlug: string, name: string, io: CliIo): Promise<number> {
  const db = await openDatabase(loadConfig().database);
  try {
    await db.migrate();
    const workspace = await db.prisma.workspace.findUnique({ where: { slug: workspaceSlug }, select: { id: true } });
    if (!workspace) throw new UsageError(`no workspace with the slug "${workspaceSlug}"`);
    const created = await createApiKey(db.prisma, workspace.id, name);
    io.out(created.key);
    io.err(`API key "${name}" (${created.prefix}…) created for workspace ${workspaceSlug}. It is shown once: store it now.`);
    return 0;
  } finally {
    await db.close();
  }
}
