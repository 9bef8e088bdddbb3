import { createHash, randomBytes } from 'node:crypto';
import { Prisma, type PrismaClient } from '../../prisma/generated/client';
import { SCOPES, type Scope } from '../access/permissions';
import { reusedPlan } from '../db/reused-plan';

/** Recognisable in logs and secret scanners; the rest is 32 random bytes. */
const KEY_PREFIX = 'jek_';

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export interface NewApiKey {
  name: string;
  /** Default `full`, as keys made before scopes existed. */
  scope?: Scope;
  /** Who made it: `cli`, `api_key:<id>` (later `user:<id>`). */
  createdBy?: string;
}

/** Creates a workspace API key. The key itself is returned once and stored only as a hash. */
export async function createApiKey(prisma: PrismaClient, workspaceId: string, input: string | NewApiKey): Promise<{ id: string; key: string; prefix: string }> {
  const { name, scope = 'full', createdBy } = typeof input === 'string' ? { name: input } : input;
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const prefix = key.slice(0, KEY_PREFIX.length + 6);
  const created = await prisma.apiKey.create({
    data: { workspaceId, name, prefix, scope, createdBy: createdBy ?? null, keyHash: hashApiKey(key) },
    select: { id: true },
  });
  return { id: created.id, key, prefix };
}

export interface ApiKeyPrincipal {
  workspaceId: string;
  apiKeyId: string;
  scope: Scope;
}

/**
 * How stale a key's `lastUsedAt` may get: it says whether a key is still in use (before
 * revoking it), which a minute's precision answers. Writing it on every request made each
 * ingestion call a write of its own, the key's row contended by every request.
 */
export const LAST_USED_PRECISION_MS = 60_000;

const isScope = (value: string): value is Scope => SCOPES.some((scope) => scope === value);

/** The workspace and scope of a key; undefined for unknown or revoked keys. */
export async function authenticateApiKey(prisma: PrismaClient, key: string, now: Date = new Date()): Promise<ApiKeyPrincipal | undefined> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return undefined;
  // Every API request starts here: a raw statement, not an ORM query (about 0.6 ms less CPU).
  const [found] = await prisma.$queryRaw<{ id: string; workspaceId: string; scope: string; revokedAt: Date | null; lastUsedAt: Date | null }[]>(reusedPlan(Prisma.sql`
    SELECT id::text AS id, workspace_id::text AS "workspaceId", scope::text AS scope, revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"
    FROM api_key WHERE key_hash = ${hashApiKey(key)}`));
  if (!found || found.revokedAt || !isScope(found.scope)) return undefined;
  const staleBefore = new Date(now.getTime() - LAST_USED_PRECISION_MS);
  if (found.lastUsedAt === null || found.lastUsedAt < staleBefore) {
    // Conditional, so processes answering the same key at once write it once between them.
    await prisma.apiKey.updateMany({ where: { id: found.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] }, data: { lastUsedAt: now } });
  }
  return { workspaceId: found.workspaceId, apiKeyId: found.id, scope: found.scope };
}

/** What an admin sees of a key: never the hash, which would allow offline guessing. */
export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scope: Scope;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const SUMMARY = { id: true, name: true, prefix: true, scope: true, createdBy: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export async function listApiKeys(prisma: PrismaClient, workspaceId: string): Promise<ApiKeySummary[]> {
  return prisma.apiKey.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: SUMMARY,
  });
}

/** One key of the workspace, as listed; undefined when the workspace has no such key. */
export async function getApiKey(prisma: PrismaClient, workspaceId: string, keyId: string): Promise<ApiKeySummary | undefined> {
  return (await prisma.apiKey.findFirst({ where: { id: keyId, workspaceId }, select: SUMMARY })) ?? undefined;
}

/**
 * Revokes a key of the workspace; authentication refuses it from the next request on.
 * Revoking twice keeps the first time. Undefined when the workspace has no such key.
 */
export async function revokeApiKey(prisma: PrismaClient, workspaceId: string, keyId: string): Promise<ApiKeySummary | undefined> {
  await prisma.apiKey.updateMany({ where: { id: keyId, workspaceId, revokedAt: null }, data: { revokedAt: new Date() } });
  return getApiKey(prisma, workspaceId, keyId);
}
