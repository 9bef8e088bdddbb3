import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../prisma/generated/client';

/** Recognisable in logs and secret scanners; the rest is 32 random bytes. */
const KEY_PREFIX = 'jek_';

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Creates a workspace API key. The key itself is returned once and stored only as a hash. */
export async function createApiKey(prisma: PrismaClient, workspaceId: string, name: string): Promise<{ id: string; key: string; prefix: string }> {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const prefix = key.slice(0, KEY_PREFIX.length + 6);
  const created = await prisma.apiKey.create({ data: { workspaceId, name, prefix, keyHash: hashApiKey(key) }, select: { id: true } });
  return { id: created.id, key, prefix };
}

/** The workspace a key belongs to; undefined for unknown or revoked keys. */
export async function authenticateApiKey(prisma: PrismaClient, key: string): Promise<{ workspaceId: string; apiKeyId: string } | undefined> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return undefined;
  const found = await prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(key) }, select: { id: true, workspaceId: true, revokedAt: true } });
  if (!found || found.revokedAt) return undefined;
  await prisma.apiKey.update({ where: { id: found.id }, data: { lastUsedAt: new Date() } });
  return { workspaceId: found.workspaceId, apiKeyId: found.id };
}
