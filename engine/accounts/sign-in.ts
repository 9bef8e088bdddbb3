import type { PrismaClient } from '../../prisma/generated/client';
import { normalizeEmail } from './email';
import { verifyAgainstDecoy, verifyPassword } from './passwords';
import { guardedPasswordCheck, throttleKeys } from './throttle';

export type SignInResult =
  | { readonly kind: 'signed_in'; readonly userId: string; readonly workspaceId: string | null }
  /** Wrong email or wrong password: the caller must not learn which. */
  | { readonly kind: 'refused' }
  | { readonly kind: 'throttled'; readonly retryAfterMs: number };

/**
 * Checks a password under the back-off (`guardedPasswordCheck`): a throttled account or
 * address is refused before the password is looked at, so guessing gains nothing while locked
 * out, and an unknown address costs the same hashing as a known one.
 */
export async function checkSignIn(
  prisma: PrismaClient,
  input: { readonly email: string; readonly password: string; readonly clientAddress: string; readonly workspaceId?: string | undefined },
  now: Date = new Date(),
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, isOwner: true, passwordHash: true } });
  const check = await guardedPasswordCheck(prisma, throttleKeys(email, input.clientAddress), () => (user ? verifyPassword(input.password, user.passwordHash) : verifyAgainstDecoy(input.password)), now);
  if (check.kind === 'throttled') return check;
  if (!user || check.kind === 'failed') return { kind: 'refused' };
  return { kind: 'signed_in', userId: user.id, workspaceId: await startingWorkspace(prisma, user.id, user.isOwner, input.workspaceId) };
}

/** The workspace asked for when the person may work there, else their first (by joining date). */
export async function startingWorkspace(prisma: PrismaClient, userId: string, isOwner: boolean, wanted: string | undefined): Promise<string | null> {
  if (wanted !== undefined && (await mayEnter(prisma, userId, isOwner, wanted))) return wanted;
  const first = await prisma.membership.findFirst({ where: { userId }, orderBy: { createdAt: 'asc' }, select: { workspaceId: true } });
  if (first) return first.workspaceId;
  return isOwner ? ((await prisma.workspace.findFirst({ orderBy: { createdAt: 'asc' }, select: { id: true } }))?.id ?? null) : null;
}

/** Members may enter their workspaces; the owner may enter any. */
export async function mayEnter(prisma: PrismaClient, userId: string, isOwner: boolean, workspaceId: string): Promise<boolean> {
  if (isOwner) return (await prisma.workspace.count({ where: { id: workspaceId } })) === 1;
  return (await prisma.membership.count({ where: { userId, workspaceId } })) === 1;
}
