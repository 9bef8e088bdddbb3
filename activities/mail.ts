import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

/** How email leaves the engine; built once by the worker entry from the configuration. */
export interface MailDeps {
  from: string;
  /** The sender's domain, for Message-IDs. */
  domain: string;
  /** Base URL of unsubscribe links. */
  publicUrl: string;
  /** Signs unsubscribe links (and, with derived keys, preference and confirmation links); never enters workflow inputs or history. */
  unsubscribeSecret: string;
  /** How long a `preferences_url` in an email stays valid (PREFERENCE_LINK_DAYS). */
  preferenceLinkDays: number;
  /** How long a double opt-in confirmation link stays valid (CONFIRMATION_LINK_DAYS). */
  confirmationLinkDays: number;
  /** Unset: email goes to the local outbox. */
  smtp?: Transporter<SMTPTransport.SentMessageInfo>;
}

export function createMailDeps(settings: Omit<MailDeps, 'smtp'> & { smtpUrl: string | undefined }): MailDeps {
  const { smtpUrl, ...rest } = settings;
  return smtpUrl ? { ...rest, smtp: createTransport(smtpUrl) } : rest;
}
