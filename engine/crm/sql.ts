import { Prisma, type PrismaClient } from '../../prisma/generated/client';

/**
 * What CRM computations run SQL through: the client or an interactive transaction. Every
 * score, stage and segment is computed by a handful of set-based statements, so the same code
 * serves one contact (a change) and a whole workspace (a batch recompute chunk).
 */
export type SqlClient = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

/**
 * Which contacts a computation covers: all of the workspace's, a list (a change), or the ids in
 * (after, through] (a batch recompute chunk: a range is two bind parameters and an index range
 * whatever its size, where a list of 100,000 ids would be shipped and probed one by one).
 */
export type ContactScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'ids'; readonly ids: readonly string[] }
  | { readonly kind: 'range'; readonly after: string | null; readonly through: string };

export const allContacts: ContactScope = { kind: 'all' };
export const contactsWithIds = (ids: readonly string[]): ContactScope => ({ kind: 'ids', ids });
export const contactsInRange = (after: string | null, through: string): ContactScope => ({ kind: 'range', after, through });

/** `AND <column> = ANY(ids)` for a list, `AND <column> > after AND <column> <= through` for a range, nothing for all contacts. */
export function scopeFilter(scope: ContactScope, column: Prisma.Sql): Prisma.Sql {
  switch (scope.kind) {
    case 'all':
      return Prisma.empty;
    case 'ids':
      return Prisma.sql`AND ${column} = ANY(${[...scope.ids]}::uuid[])`;
    case 'range':
      return scope.after === null
        ? Prisma.sql`AND ${column} <= ${scope.through}::uuid`
        : Prisma.sql`AND ${column} > ${scope.after}::uuid AND ${column} <= ${scope.through}::uuid`;
  }
}

/** A column reference (trusted identifiers only: never user input). */
export const column = (name: string): Prisma.Sql => Prisma.raw(name);
