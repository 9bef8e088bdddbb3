import type { Prisma } from '../../prisma/generated/client';

export interface MovedRecords {
  events: number;
  orders: number;
  /** Current consents moved, or that replaced the survivor's older ones. */
  consents: number;
  consentEvents: number;
  /** Topic choices moved, or that replaced the survivor's older ones. */
  topicSubscriptions: number;
  communications: number;
  scoreAdjustments: number;
  enrollments: number;
}

/**
 * Moves what happened to the absorbed contact onto the survivor: behaviour, purchases,
 * consent (the most recent decision per channel and message type wins; the full history
 * moves, it is the proof), messages, score adjustments and journey enrollments.
 *
 * What is derived from the absorbed record is not moved: its scores, stage histories and
 * segment membership history describe a record that no longer exists, the survivor is
 * rescored from the moved facts, and the contact's deletion cascades them away.
 * (Segment memberships and loyalty accounts have their own steps.)
 */
export async function moveRecords(tx: Prisma.TransactionClient, workspaceId: string, fromId: string, toId: string): Promise<MovedRecords> {
  const where = { workspaceId, contactId: fromId };
  const to = { contactId: toId };
  const events = (await tx.event.updateMany({ where, data: to })).count;
  const orders = (await tx.order.updateMany({ where, data: to })).count;
  const replaced = await tx.$executeRaw`
    UPDATE consent kept SET status = absorbed.status, source = absorbed.source, updated_at = absorbed.updated_at
    FROM consent absorbed
    WHERE absorbed.contact_id = ${fromId}::uuid AND kept.contact_id = ${toId}::uuid AND kept.workspace_id = ${workspaceId}::uuid
      AND kept.channel = absorbed.channel AND kept.message_type = absorbed.message_type AND absorbed.updated_at > kept.updated_at`;
  const moved = await tx.$executeRaw`
    UPDATE consent absorbed SET contact_id = ${toId}::uuid
    WHERE absorbed.contact_id = ${fromId}::uuid AND absorbed.workspace_id = ${workspaceId}::uuid
      AND NOT EXISTS (SELECT 1 FROM consent kept WHERE kept.contact_id = ${toId}::uuid AND kept.channel = absorbed.channel AND kept.message_type = absorbed.message_type)`;
  // The absorbed contact's older decisions are superseded; its consent_event rows keep the trail.
  await tx.consent.deleteMany({ where });
  const consentEvents = (await tx.consentEvent.updateMany({ where, data: to })).count;
  const topicSubscriptions = await moveTopicChoices(tx, workspaceId, fromId, toId);
  const communications = (await tx.communication.updateMany({ where, data: to })).count;
  const scoreAdjustments = (await tx.scoreAdjustment.updateMany({ where, data: to })).count;
  const enrollments = (await tx.journeyEnrollment.updateMany({ where, data: to })).count;
  return { events, orders, consents: replaced + moved, consentEvents, topicSubscriptions, communications, scoreAdjustments, enrollments };
}

/** Topic choices follow the consent rule: the more recent decision per topic wins. */
async function moveTopicChoices(tx: Prisma.TransactionClient, workspaceId: string, fromId: string, toId: string): Promise<number> {
  const replaced = await tx.$executeRaw`
    UPDATE topic_subscription kept SET status = absorbed.status, source = absorbed.source, updated_at = absorbed.updated_at
    FROM topic_subscription absorbed
    WHERE absorbed.contact_id = ${fromId}::uuid AND kept.contact_id = ${toId}::uuid AND kept.workspace_id = ${workspaceId}::uuid
      AND kept.topic_id = absorbed.topic_id AND absorbed.updated_at > kept.updated_at`;
  const moved = await tx.$executeRaw`
    UPDATE topic_subscription absorbed SET contact_id = ${toId}::uuid
    WHERE absorbed.contact_id = ${fromId}::uuid AND absorbed.workspace_id = ${workspaceId}::uuid
      AND NOT EXISTS (SELECT 1 FROM topic_subscription kept WHERE kept.contact_id = ${toId}::uuid AND kept.topic_id = absorbed.topic_id)`;
  await tx.topicSubscription.deleteMany({ where: { workspaceId, contactId: fromId } });
  return replaced + moved;
}
