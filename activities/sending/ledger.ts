import { Prisma, type Channel, type MessageType, type PrismaClient } from '../../prisma/generated/client';
import { reusedPlan } from '../../engine/db/reused-plan';

/** What one send is, as the ledger records it before any provider is called. */
export interface SendRequest {
  workspaceId: string;
  contactId: string;
  channel: Channel;
  messageType: MessageType;
  /** Enrollment + node + step: the same on every retry of the same journey step. */
  idempotencyKey: string;
  toAddress?: string;
  subject?: string;
  /** A marketing message's subscription topic (its key): only contacts who receive the topic get it. */
  topic?: string;
  journeyId?: string;
  journeyVersionId?: string;
  enrollmentId?: string;
  nodeId?: string;
}

/**
 * The state of a key in the ledger:
 * - `claimed`: nobody has called a provider under this key (or an earlier call certainly
 *   failed); the caller may call one.
 * - `in_doubt`: a provider was called and the worker stopped before recording the answer. The
 *   message may be out: it is never sent again (at most once inside that window).
 * - `settled`: sent, failed or suppressed already; the recorded outcome stands.
 */
export type Claim =
  | { kind: 'claimed'; communicationId: string }
  | { kind: 'in_doubt'; communicationId: string }
  | { kind: 'settled'; communicationId: string; status: string; error: string | null };

interface LedgerRow {
  id: string;
  status: string;
  provider: string | null;
  error: string | null;
}

/**
 * Writes (or finds) the ledger row for the key. Concurrent claims of one key share one row.
 * One statement in the usual case (a send's first attempt, or a retry that finds its row): it
 * sits on the path of every message, before the provider is called.
 */
export async function claimSend(prisma: PrismaClient, request: SendRequest): Promise<Claim> {
  const { workspaceId, idempotencyKey } = request;
  const [written] = await prisma.$queryRaw<LedgerRow[]>(reusedPlan(Prisma.sql`
    WITH claimed AS (
      INSERT INTO communication (id, workspace_id, contact_id, channel, message_type, status, idempotency_key, to_address, subject, journey_id, journey_version_id, enrollment_id, node_id)
      VALUES (gen_random_uuid(), ${workspaceId}::uuid, ${request.contactId}::uuid, ${request.channel}::channel, ${request.messageType}::message_type, 'queued',
              ${idempotencyKey}, ${request.toAddress ?? null}, ${request.subject ?? null}, ${request.journeyId ?? null}::uuid,
              ${request.journeyVersionId ?? null}::uuid, ${request.enrollmentId ?? null}::uuid, ${request.nodeId ?? null})
      ON CONFLICT (workspace_id, idempotency_key) DO NOTHING
      RETURNING id::text, status::text, provider, error)
    SELECT id, status, provider, error FROM claimed
    UNION ALL
    SELECT id::text, status::text, provider, error FROM communication WHERE workspace_id = ${workspaceId}::uuid AND idempotency_key = ${idempotencyKey}
    LIMIT 1`));
  // No row: another claim of this key committed it while this statement waited, after its
  // snapshot was taken; it is there to read now.
  const row =
    written ??
    (await prisma.communication.findUniqueOrThrow({
      where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey } },
      select: { id: true, status: true, provider: true, error: true },
    }));
  if (row.status !== 'queued') return { kind: 'settled', communicationId: row.id, status: row.status, error: row.error };
  return row.provider === null ? { kind: 'claimed', communicationId: row.id } : { kind: 'in_doubt', communicationId: row.id };
}

/** The provider certainly did not take the message: the key may be claimed again. */
export async function releaseProviderCall(prisma: PrismaClient, communicationId: string): Promise<void> {
  await prisma.communication.updateMany({ where: { id: communicationId, status: 'queued' }, data: { provider: null } });
}

export async function settle(
  prisma: Pick<PrismaClient, '$queryRaw'>,
  communicationId: string,
  outcome: { status: 'sent' | 'failed' | 'suppressed'; providerMessageId?: string; error?: string; at: Date },
): Promise<void> {
  // The row and its status history in one statement (every message ends here).
  const detail = outcome.error === undefined ? null : JSON.stringify({ reason: outcome.error });
  const [row] = await prisma.$queryRaw<{ settled: number }[]>(reusedPlan(Prisma.sql`
    WITH settled AS (
      UPDATE communication SET status = ${outcome.status}::communication_status, error = ${outcome.error ?? null}::text,
        provider_message_id = COALESCE(${outcome.providerMessageId ?? null}::text, provider_message_id),
        sent_at = CASE WHEN ${outcome.status}::text = 'sent' THEN ${outcome.at}::timestamptz ELSE sent_at END, updated_at = now()
      WHERE id = ${communicationId}::uuid
      RETURNING id),
    recorded AS (
      INSERT INTO communication_status_change (id, communication_id, status, occurred_at, detail)
      SELECT gen_random_uuid(), id, ${outcome.status}::communication_status, ${outcome.at}::timestamptz, ${detail}::jsonb FROM settled)
    SELECT count(*)::int AS settled FROM settled`));
  if (row?.settled !== 1) throw new Error(`the message ${communicationId} is no longer in the ledger`);
}

/**
 * Marks the provider call as begun, inside the send's gate transaction; false when another
 * attempt marked it first (or the row is no longer queued).
 */
export async function markProviderCall(tx: Pick<PrismaClient, '$executeRaw'>, communicationId: string, provider: string): Promise<boolean> {
  const marked = await tx.$executeRaw(reusedPlan(Prisma.sql`
    UPDATE communication SET provider = ${provider}, updated_at = now()
    WHERE id = ${communicationId}::uuid AND status = 'queued' AND provider IS NULL`));
  return marked === 1;
}
