import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { PermanentDeliveryError, TransientDeliveryError } from '../../sending/errors';
import type { Delivery } from '../../sending/send-once';
import { mailOptions, type ComposedEmail } from './compose';

/** Failures before the server accepted anything: nothing was delivered, so a retry is safe. */
const NOT_CONNECTED = new Set(['ECONNECTION', 'ESOCKET', 'EDNS', 'ETLS', 'EAUTH']);
/** 5xx on these mean the address is bad for good: suppress it. */
const BAD_ADDRESS = new Set([550, 551, 553]);

/**
 * Sends a composed email over SMTP as a ledger delivery. SMTP has no idempotency key, so the
 * Message-ID carries ours and the ledger prevents resending. Errors are classified by where
 * they happened: connection failures and 4xx replies are transient (retry), 5xx replies are
 * permanent (the journey's `failed` output), and anything after DATA began is ambiguous.
 */
export function smtpDelivery(transport: Transporter<SMTPTransport.SentMessageInfo>, email: ComposedEmail): Delivery {
  return {
    provider: 'smtp',
    deliver: async () => {
      try {
        const info = await transport.sendMail(mailOptions(email));
        if (info.rejected.length > 0) throw new PermanentDeliveryError(`the server refused ${email.to}`, true);
        return { providerMessageId: info.messageId };
      } catch (error) {
        throw classify(error);
      }
    },
  };
}

function classify(error: unknown): unknown {
  if (error instanceof PermanentDeliveryError || typeof error !== 'object' || error === null) return error;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const reply = 'responseCode' in error && typeof error.responseCode === 'number' ? error.responseCode : undefined;
  const command = 'command' in error && typeof error.command === 'string' ? error.command : undefined;
  const message = error instanceof Error ? error.message : 'SMTP error';
  if (reply !== undefined && reply >= 500) return new PermanentDeliveryError(`SMTP ${reply}: ${message}`, BAD_ADDRESS.has(reply));
  // A 4xx before the message was accepted (MAIL, RCPT, or DATA refused up front) is "try later".
  if (reply !== undefined && reply >= 400 && command !== 'DATA') return new TransientDeliveryError(`SMTP ${reply}: ${message}`);
  if (code !== undefined && NOT_CONNECTED.has(code) && (command === undefined || command === 'CONN' || command === 'EHLO' || command === 'HELO' || command === 'AUTH PLAIN' || command === 'AUTH LOGIN')) {
    return new TransientDeliveryError(`SMTP server unreachable: ${message}`);
  }
  return error;
}
