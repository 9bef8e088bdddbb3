import type { SqlClient } from '../crm/sql';

/**
 * The per-contact lock a send holds while it checks eligibility and marks its provider call
 * (activities/sending/send-once.ts). A consent change takes it too, so a withdrawal and a send
 * are ordered: either the withdrawal commits first and the send sees it, or the send had
 * already begun its provider call when the withdrawal arrived.
 */
export async function lockContactSends(client: SqlClient, contactId: string): Promise<void> {
  await client.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${contactId}))`;
}
