import type { PrismaClient } from '../../prisma/generated/client';
import type { AccountsConfig } from '../config/types';
import { AccountError } from './errors';
import { createOwner, setupLinkIfNoUsers } from './owner';

export type FirstRun =
  | { readonly kind: 'has_users' }
  | { readonly kind: 'owner_created'; readonly email: string }
  | { readonly kind: 'setup_link'; readonly url: string };

/** A bad OWNER_* value: start-up stops with one line naming the variable. */
export class OwnerConfigError extends Error {
  override readonly name = 'OwnerConfigError';
}

/**
 * At start: nothing to do once someone has an account; else OWNER_EMAIL/OWNER_PASSWORD make
 * the owner (automation), or a one-time setup link is made for the person running the app.
 */
export async function prepareFirstRun(prisma: PrismaClient, config: AccountsConfig, publicUrl: string): Promise<FirstRun> {
  if ((await prisma.user.count()) > 0) return { kind: 'has_users' };
  if (config.owner) {
    try {
      await createOwner(prisma, { email: config.owner.email, name: 'Owner', password: config.owner.password }, undefined);
    } catch (error) {
      if (error instanceof AccountError && error.field) throw new OwnerConfigError(`Invalid configuration: ${error.field === 'body.email' ? 'OWNER_EMAIL' : 'OWNER_PASSWORD'} ${error.detail}.`);
      throw error;
    }
    return { kind: 'owner_created', email: config.owner.email.trim().toLowerCase() };
  }
  const url = await setupLinkIfNoUsers(prisma, publicUrl);
  return url ? { kind: 'setup_link', url } : { kind: 'has_users' };
}
