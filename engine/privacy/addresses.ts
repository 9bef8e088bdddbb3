import type { Channel } from '../../prisma/generated/client';

export interface ContactAddress {
  readonly channel: Channel;
  /** As stored on the contact: normalised (lower-case email, E.164 phone), as sends use it. */
  readonly address: string;
}

/** The addresses messages to the contact go to, per channel (email to the email, SMS to the phone). */
export function contactAddresses(contact: { email: string | null; phone: string | null }): ContactAddress[] {
  return [
    ...(contact.email === null ? [] : [{ channel: 'email' as const, address: contact.email }]),
    ...(contact.phone === null ? [] : [{ channel: 'sms' as const, address: contact.phone }]),
  ];
}
