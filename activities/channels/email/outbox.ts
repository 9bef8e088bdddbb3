import { createTransport } from 'nodemailer';
import type { PrismaClient } from '../../../prisma/generated/client';
import type { Delivery } from '../../sending/send-once';
import { mailOptions, type ComposedEmail } from './compose';

/** nodemailer builds the complete MIME message, exactly as SMTP would carry it, without sending. */
const mimeBuilder = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

/**
 * Email delivery for embedded mode (no SMTP configured): the message is built in full and
 * stored in the local outbox, where the demo and tests read it. It goes through the same
 * ledger, eligibility checks and composition as real mail, so what the outbox shows is what
 * SMTP would have received.
 */
export function outboxDelivery(prisma: PrismaClient, workspaceId: string, email: ComposedEmail, idempotencyKey: string): Delivery {
  return {
    provider: 'outbox',
    deliver: async () => {
      const built = await mimeBuilder.sendMail(mailOptions(email));
      const raw = Buffer.isBuffer(built.message) ? built.message.toString('utf8') : '';
      await prisma.localOutboxMessage.create({
        data: {
          workspaceId,
          channel: 'email',
          toAddress: email.to,
          fromAddress: email.from,
          subject: email.subject,
          body: email.html,
          textBody: email.text,
          raw,
          messageId: built.messageId,
          idempotencyKey,
        },
      });
      return { providerMessageId: built.messageId };
    },
  };
}
