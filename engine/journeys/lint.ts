import type { PrismaClient } from '../../prisma/generated/client';
import { compileJourney, type ActionCatalog, type CompileIssue } from '../journey/compile';
import { lintJourney } from '../journey/lint';
import { receivedEventNames } from '../ingest/event-names';

type LintReport = ReturnType<typeof lintJourney>;

export interface LatestVersionLint extends LintReport {
  version: number;
  compiles: boolean;
  issues: CompileIssue[];
}

/**
 * Compiles and lints the journey's latest version (draft or published) against what the
 * workspace has really received; undefined when the workspace has no such journey.
 */
export async function lintLatestVersion(prisma: PrismaClient, catalog: ActionCatalog, workspaceId: string, journeyId: string): Promise<LatestVersionLint | undefined> {
  const latest = await prisma.journeyVersion.findFirst({ where: { journeyId, workspaceId }, orderBy: { version: 'desc' }, select: { version: true, graph: true } });
  if (!latest) return undefined;
  const compiled = compileJourney(latest.graph, catalog);
  if (!compiled.ok) return { version: latest.version, compiles: false, issues: compiled.issues, findings: [], maxMessagesPerChannel: {} };
  const report = lintJourney(compiled.plan, { catalog, knownEventNames: await receivedEventNames(prisma, workspaceId) });
  return { version: latest.version, compiles: true, issues: [], ...report };
}
