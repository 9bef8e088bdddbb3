import { readFile } from 'node:fs/promises';
import { compileJourney, type ActionCatalog, type CompileIssue, type CompileResult } from '../../journey/compile';
import { UsageError } from './io';

/** Reads a journey file as JSON; unreadable or non-JSON files are usage errors naming the file. */
export async function readJourneyFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: cannot read the file (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

export async function compileFile(path: string, catalog: ActionCatalog): Promise<CompileResult> {
  return compileJourney(await readJourneyFile(path), catalog);
}

/** `file: node <id> field <f>: message` — where to look, then what is wrong. */
export function formatIssue(path: string, issue: CompileIssue): string {
  const where = [issue.nodeId && `node ${issue.nodeId}`, issue.edgeId && `edge ${issue.edgeId}`, issue.field && `field ${issue.field}`].filter(Boolean).join(' ');
  return `${path}: ${where ? `${where}: ` : ''}${issue.message} [${issue.code}]`;
}
