import { Prisma, type PrismaClient } from '../../prisma/generated/client';

/**
 * What CRM computations run SQL through: the client or an interactive transaction. Every
 * score, stage and segment is computed by a handful of set-based statements, so the same code
 * serves one contact (a change) and a whole workspace (a batch recompute chunk).
 */
export type SqlClient = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

/** Which contacts a computation covers: all of the workspace's, or a list (a change, a chunk). */
export type ContactScope = { readonly kind: 'all' } | { readonly kind: 'ids'; readonly ids: readonly string[] };

export const allContacts: ContactScope = { kind: 'all' };
export const contactsWithIds = (ids: readonly string[]): ContactScope => ({ kind: 'ids', ids });

/** `AND <column> = ANY(ids)` for a list scope, nothing for all contacts. */
export function scopeFilter(scope: ContactScope, column: Prisma.Sql): Prisma.Sql {
  return scope.kind === 'all' ? Prisma.empty : Prisma.sql`AND ${column} = ANY(${[...scope.ids]}::uuid[])`;
}

/** A column reference (trusted identifiers only: never user input). */
export const column = (name: string): Prisma.Sql => Prisma.raw(name);
