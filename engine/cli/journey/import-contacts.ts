import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { SingleBar, Presets } from 'cli-progress';
import { importContactsCsv, ContactImportHeaderError } from '../../contacts';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db';
import { UsageError, type CliIo } from './io';

/**
 * `contacts import <file.csv> --workspace <slug>`: the same import as POST /v1/contacts/import,
 * on the database `npm start` uses, streamed from disk with a progress bar on the terminal (by
 * bytes read, since the row count is unknown until the end). The report goes to stdout as JSON.
 */
export async function importContactsCommand(file: string, workspaceSlug: string, io: CliIo, showProgress = process.stderr.isTTY): Promise<number> {
  const size = (await stat(file).catch(() => undefined))?.size;
  if (size === undefined) throw new UsageError(`cannot read ${file}`);
  const db = await openDatabase(loadConfig().database);
  const bar = new SingleBar({ format: 'importing {bar} {percentage}% | {rows} rows', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  try {
    await db.migrate();
    const workspace = await db.prisma.workspace.findUnique({ where: { slug: workspaceSlug }, select: { id: true } });
    if (!workspace) throw new UsageError(`no workspace with the slug "${workspaceSlug}"`);
    let bytes = 0;
    let rows = 0;
    const counted = createReadStream(file).pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      }),
    );
    if (showProgress) bar.start(Math.max(size, 1), 0, { rows: 0 });
    const report = await importContactsCsv(db.prisma, workspace.id, counted, new Date(), (done) => {
      rows = done;
      if (showProgress) bar.update(bytes, { rows });
    });
    if (showProgress) bar.update(size, { rows });
    io.out(JSON.stringify(report, null, 2));
    io.err(`${report.rows} rows: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.duplicates.length} repeated, ${report.invalid.length + report.invalidNotListed} refused`);
    return report.invalid.length + report.invalidNotListed > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ContactImportHeaderError) throw new UsageError(error.message);
    throw error;
  } finally {
    if (showProgress) bar.stop();
    await db.close();
  }
}
