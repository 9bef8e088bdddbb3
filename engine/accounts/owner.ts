import type { Prisma, PrismaClient } from '../../prisma/generated/client';
import { AccountError } from './errors';
import { checkNewUser, type NewUserInput } from './new-user';
import { hashToken, newToken } from './tokens';

/**
 * First run. While nobody has an account, start-up makes a one-time setup link (the token is
 * stored hashed; a restart replaces it). Opening it creates the instance owner, who becomes
 * admin of the demo workspace, and the link is spent in the same transaction.
 */
export async function setupLinkIfNoUsers(prisma: PrismaClient, publicUrl: string): Promise<string | undefined> {
  if ((await prisma.user.count()) > 0) return undefined;
  const { token, hash } = newToken();
  await prisma.setupToken.upsert({ where: { id: 1 }, create: { id: 1, tokenHash: hash }, update: { tokenHash: hash, createdAt: new Date() } });
  return `${publicUrl}/setup?token=${token}`;
}

/** Whether a setup link's token is the current one (the page shows the form only then). */
export async function isSetupTokenValid(prisma: Pick<PrismaClient, 'setupToken'>, token: string): Promise<boolean> {
  return (await prisma.setupToken.count({ where: { id: 1, tokenHash: hashToken(token) } })) === 1;
}

export interface CreatedOwner {
  readonly userId: string;
  readonly workspaceId: string;
}

/**
 * Creates the owner, with the setup token (spent here) or, for `OWNER_EMAIL`, without. The
 * partial unique index on `app_user.is_owner` means two racing requests cannot both succeed.
 */
export async function createOwner(prisma: PrismaClient, input: NewUserInput, setupToken: string | undefined): Promise<CreatedOwner> {
  const checked = await checkNewUser(input);
  return prisma.$transaction(async (tx) => {
    if (setupToken !== undefined) {
      const spent = await tx.setupToken.deleteMany({ where: { id: 1, tokenHash: hashToken(setupToken) } });
      if (spent.count === 0) throw new AccountError('link_unusable', 'this setup link was used already or replaced by a newer one (restart the app for a new link)', 'body.token');
    }
    if ((await tx.user.count()) > 0) throw new AccountError('link_unusable', 'the owner account exists already; sign in instead', 'body.token');
    const user = await tx.user.create({ data: { ...checked, isOwner: true }, select: { id: true } });
    const workspaceId = await defaultWorkspace(tx);
    await tx.membership.create({ data: { userId: user.id, workspaceId, role: 'admin' } });
    await tx.setupToken.deleteMany({});
    return { userId: user.id, workspaceId };
  });
}

/** The demo workspace when it exists, else the oldest one, else a new, empty one. */
async function defaultWorkspace(tx: Prisma.TransactionClient): Promise<string> {
  const demo = await tx.workspace.findUnique({ where: { slug: 'demo' }, select: { id: true } });
  const oldest = demo ?? (await tx.workspace.findFirst({ orderBy: { createdAt: 'asc' }, select: { id: true } }));
  return oldest?.id ?? (await tx.workspace.create({ data: { name: 'My workspace', slug: 'default' }, select: { id: true } })).id;
}
