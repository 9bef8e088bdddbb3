import type { OutboxEntry } from '../crm/changes/outbox-feed';
import type { SqlClient } from '../crm/sql';
import { readChange, type DispatchChange } from './changes';
import { dispatchContact, type ContactDispatchDeps } from './contact-dispatch';
import { inParallel } from './in-parallel';
import { runningRunsOf } from './running-runs';
import type { TriggerCache } from './trigger-cache';

export interface DispatchDeps extends ContactDispatchDeps {
  readonly triggers: TriggerCache;
  /** Contacts handled at once; one contact's changes always go in order. */
  readonly concurrency: number;
}

/**
 * Handles one batch of outbox entries. Every read goes through `sql`, the feed's claiming
 * transaction, and happens before the first Temporal call; then each contact's changes are
 * dispatched in order, several contacts at a time. A failure that another attempt may fix
 * rejects, so the feed delivers the whole batch again: every step here is idempotent.
 */
export async function dispatchEntries(deps: DispatchDeps, entries: readonly OutboxEntry[], sql: SqlClient): Promise<void> {
  const byWorkspace = new Map<string, DispatchChange[]>();
  for (const entry of entries) {
    const read = readChange(entry);
    if (read.kind === 'invalid') deps.report(read.problem);
    if (read.kind === 'change') append(byWorkspace, entry.workspaceId, read.change);
  }
  for (const [workspaceId, changes] of byWorkspace) await dispatchWorkspace(deps, sql, workspaceId, changes);
}

async function dispatchWorkspace(deps: DispatchDeps, sql: SqlClient, workspaceId: string, changes: readonly DispatchChange[]): Promise<void> {
  const index = await deps.triggers.indexFor(sql, workspaceId);
  const byContact = new Map<string, DispatchChange[]>();
  for (const change of changes) append(byContact, change.payload.contactId, change);
  const running = await runningRunsOf(sql, deps.listens, workspaceId, [...byContact.keys()]);
  await inParallel([...byContact], deps.concurrency, ([contactId, contactChanges]) =>
    dispatchContact(deps, index, { workspaceId, contactId, changes: contactChanges, runs: running.get(contactId) ?? [] }),
  );
}

function append<Value>(map: Map<string, Value[]>, key: string, value: Value): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
