import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

/** How email leaves the engine; built once by the worker entry from the configuration. */
export interface MailDeps {
  from: string;
  /** The sender's domain, for Message-IDs. */
  domain: string;
  /** Base URL of unsubscribe links. */
  publicUrl: string;
  /** Signs unsubscribe links; never enters workflow inputs or history. */
  unsubscribeSecret: string;
  /** Unset: email goes to the local outbox. */
  smtp?: Transporter<SMTPTransport.SentMessageInfo>;
}

export function createMailDeps(settings: { smtpUrl: string | undefined; from: string; domain: string; publicUrl: string; unsubscribeSecret: string }): MailDeps {
  const { smtpUrl, ...rest } = settings;
  return smtpUrl ? { ...rest, smtp: createTransport(smtpUrl) } : rest;
}
