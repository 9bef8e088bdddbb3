/**
 * Prisma's P2002 (a unique constraint refused a write); both database adapters report it
 * (see pglite-error-kinds.ts). Checked by shape, not class: Prisma's error classes differ
 * across module realms under test runners.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}
