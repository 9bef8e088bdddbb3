import type { PrismaClient } from '../../prisma/generated/client';
import { GroupCommit, type Settled } from '../db/group-commit';
import { appendAuditEntry, auditRow, type AuditEntryInput } from './entry';

/** One write holds every workspace's rows: the table is one append-only log. */
const ALL = 'audit';

/**
 * Appends the request hook's audit rows with group commit: rows of requests answered while an
 * insert runs are inserted together by the next one. Each `append` still resolves only once
 * its row is stored, so a client that saw the 2xx can find the row; under load (ingestion
 * calls, hundreds a second) a row costs a share of one insert instead of a statement of its own.
 */
export class AuditWriter {
  private readonly groups: GroupCommit<AuditEntryInput, void>;

  constructor(prisma: Pick<PrismaClient, 'auditEntry'>) {
    this.groups = new GroupCommit({
      prepare: async () => undefined,
      write: async (_, entries): Promise<Settled<void>[]> => {
        try {
          await prisma.auditEntry.createMany({ data: entries.map(auditRow) });
          return entries.map(() => ({ ok: true, value: undefined }));
        } catch {
          // One row the database refused must not cost the others theirs: each is tried alone.
          return Promise.all(entries.map((entry) => appendAuditEntry(prisma, entry).then((): Settled<void> => ({ ok: true, value: undefined }), (error: unknown): Settled<void> => ({ ok: false, error }))));
        }
      },
    });
  }

  append(entry: AuditEntryInput): Promise<void> {
    return this.groups.submit(ALL, entry);
  }
}
