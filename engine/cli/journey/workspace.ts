import { AccountError, createWorkspace, normalizeEmail } from '../../accounts';
import { appendAuditEntry } from '../../audit/entry';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db';
import { UsageError, type CliIo } from './io';

export interface WorkspaceCreateOptions {
  readonly name: string;
  readonly slug?: string | undefined;
  readonly timezone?: string | undefined;
  readonly currency?: string | undefined;
  /** The email of an existing person who becomes its admin. */
  readonly admin?: string | undefined;
}

/**
 * `workspace create --name <name> [--slug s] [--timezone z] [--currency c] [--admin email]`, on
 * the database `npm start` uses (stop the embedded app first: PGlite is single-process; with
 * the app running, use POST /v1/workspaces). Only the slug goes to stdout.
 */
export async function createWorkspaceCommand(options: WorkspaceCreateOptions, io: CliIo): Promise<number> {
  const db = await openDatabase(loadConfig().database);
  try {
    await db.migrate();
    let adminId: string | undefined;
    if (options.admin !== undefined) {
      const admin = await db.prisma.user.findUnique({ where: { email: normalizeEmail(options.admin) }, select: { id: true } });
      if (!admin) throw new UsageError(`--admin: no person signs in as "${options.admin}"`);
      adminId = admin.id;
    }
    const created = await createWorkspace(db.prisma, options, adminId).catch((error: unknown) => {
      if (error instanceof AccountError) throw new UsageError(`--${(error.field ?? '').replace(/^body\./, '')} ${error.detail}`);
      throw error;
    });
    await appendAuditEntry(db.prisma, {
      workspaceId: created.id,
      actor: { type: 'system', id: 'cli' },
      action: 'workspace.created',
      target: { type: 'workspace', id: created.id },
      summary: { slug: created.slug },
      requestId: null,
      clientAddress: null,
      occurredAt: new Date(),
    });
    io.out(created.slug);
    io.err(`Workspace "${options.name}" created (slug ${created.slug}).${adminId ? ` ${options.admin} is its admin.` : ' The owner can enter it; invite people from there.'}`);
    return 0;
  } finally {
    await db.close();
  }
}
