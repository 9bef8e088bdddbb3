import { applyContactChange, lockContactsForChange } from '../../engine/crm/changes/contact-changed';
import { loadCrmContext } from '../../engine/crm/context';
import type { DependencyKey } from '../../engine/crm/segments/dependencies';
import { scoreContacts } from '../../engine/crm/scores/score-contacts';
import type { SqlClient } from '../../engine/crm/sql';
import type { PrismaClient } from '../../prisma/generated/client';
import type { ActionContext } from './definition';

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Runs an action's write and the CRM's reaction to it in one transaction: the change, the
 * scores it moves (when `rescore`), the segments that read it and their outbox entries commit
 * together, so a journey that changes a contact starts segment-triggered journeys like any
 * other change does.
 */
export async function changeContact<T>(context: ActionContext, touched: readonly DependencyKey[], write: (tx: Transaction) => Promise<T>, options: { rescore: boolean }): Promise<T> {
  const { prisma } = context.deps.db;
  const now = new Date(context.now);
  const crm = await loadCrmContext(prisma, context.workspaceId, now);
  return prisma.$transaction(async (tx) => {
    const client: SqlClient = tx;
    // The CRM lock before the write, as every writer takes it (see lockContactsForChange).
    await lockContactsForChange(client, [context.contactId]);
    const result = await write(tx);
    await applyContactChange(client, { workspaceId: context.workspaceId, contactIds: [context.contactId], touched, now }, crm, options.rescore ? scoreContacts : undefined);
    return result;
  }, { timeout: 60_000 });
}
