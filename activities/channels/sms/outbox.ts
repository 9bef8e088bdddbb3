import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../../prisma/generated/client';
import type { Delivery } from '../../sending/send-once';
import type { SmsMessage } from './twilio';

/** SMS for embedded mode (no Twilio configured): stored in the local outbox with a Twilio-like SID. */
export function smsOutboxDelivery(prisma: PrismaClient, workspaceId: string, from: string, message: SmsMessage, idempotencyKey: string): Delivery {
  return {
    provider: 'outbox',
    deliver: async () => {
      const sid = `SM${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
      await prisma.localOutboxMessage.create({ data: { workspaceId, channel: 'sms', toAddress: message.to, fromAddress: from, body: message.body, messageId: sid, idempotencyKey } });
      return { providerMessageId: sid };
    },
  };
}
