import type { ActionCatalog } from '../../journey/compile';
import { lintJourney } from '../../journey/lint';
import { compileFile, formatIssue } from './files';
import type { CliIo } from './io';

/** `validate <file>...`: compiles each file; exit 1 when any has errors. */
export async function validateCommand(files: string[], catalog: ActionCatalog, io: CliIo): Promise<number> {
  let failed = false;
  for (const file of files) {
    const result = await compileFile(file, catalog);
    if (result.ok) {
      io.out(`${file}: ok (${Object.keys(result.plan.nodes).length} nodes)`);
      continue;
    }
    failed = true;
    for (const issue of result.issues) io.err(formatIssue(file, issue));
  }
  return failed ? 1 : 0;
}

export interface LintOptions {
  knownEventNames?: ReadonlySet<string>;
  /** Warnings fail the command too. */
  strict: boolean;
}

/** `lint <file>...`: validate, then the pre-publish warnings and per-channel message counts. */
export async function lintCommand(files: string[], catalog: ActionCatalog, options: LintOptions, io: CliIo): Promise<number> {
  let errors = false;
  let warnings = false;
  for (const file of files) {
    const result = await compileFile(file, catalog);
    if (!result.ok) {
      errors = true;
      for (const issue of result.issues) io.err(formatIssue(file, issue));
      continue;
    }
    const report = lintJourney(result.plan, { catalog, ...(options.knownEventNames && { knownEventNames: options.knownEventNames }) });
    for (const finding of report.findings) {
      const where = [finding.nodeId && `node ${finding.nodeId}`, finding.field && `field ${finding.field}`].filter(Boolean).join(' ');
      const line = `${file}: ${finding.severity}: ${where ? `${where}: ` : ''}${finding.message} [${finding.code}]`;
      if (finding.severity === 'warning') {
        warnings = true;
        io.err(line);
      } else {
        io.out(line);
      }
    }
    const counts = Object.entries(report.maxMessagesPerChannel).map(([channel, count]) => `${channel} ${count}`);
    io.out(`${file}: ${report.findings.filter((finding) => finding.severity === 'warning').length} warning(s); most messages per contact: ${counts.length > 0 ? counts.join(', ') : 'none'}`);
  }
  return errors || (options.strict && warnings) ? 1 : 0;
}
