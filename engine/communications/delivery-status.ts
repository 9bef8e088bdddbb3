import type { CommunicationStatus, PrismaClient } from '../../prisma/generated/client';

/** Twilio message statuses → the communication log's; intermediate ones change nothing. */
const TWILIO_STATUS = new Map<string, CommunicationStatus>([
  ['delivered', 'delivered'],
  ['undelivered', 'failed'],
  ['failed', 'failed'],
  ['read', 'opened'],
]);

/** Twilio error codes after which a number can never receive: suppressed for every journey. */
const DEAD_NUMBER_ERRORS = new Set(['21211', '21610', '21612', '21614', '30003', '30005', '30006']);

/**
 * Applies a provider's delivery report to the send it belongs to: status, history entry, and
 * suppression of a dead number. False when no send of that provider has that id.
 */
export async function applyTwilioStatus(prisma: PrismaClient, report: { messageSid: string; status: string; errorCode?: string; at: Date }): Promise<boolean> {
  const communication = await prisma.communication.findFirst({ where: { provider: 'twilio', providerMessageId: report.messageSid }, select: { id: true, workspaceId: true, toAddress: true } });
  if (!communication) return false;
  const status = TWILIO_STATUS.get(report.status);
  const detail = { providerStatus: report.status, ...(report.errorCode !== undefined && { errorCode: report.errorCode }) };
  await prisma.$transaction([
    prisma.communicationStatusChange.create({ data: { communicationId: communication.id, status: status ?? 'sent', detail, occurredAt: report.at } }),
    ...(status ? [prisma.communication.update({ where: { id: communication.id }, data: { status, ...(status === 'failed' && { error: `Twilio reported ${report.status}${report.errorCode ? ` (error ${report.errorCode})` : ''}` }) } })] : []),
    ...(report.errorCode !== undefined && DEAD_NUMBER_ERRORS.has(report.errorCode) && communication.toAddress
      ? [prisma.suppression.createMany({ data: [{ workspaceId: communication.workspaceId, channel: 'sms', address: communication.toAddress, reason: 'hard_bounce' }], skipDuplicates: true })]
      : []),
  ]);
  return true;
}
