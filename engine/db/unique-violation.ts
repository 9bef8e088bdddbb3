/**
 * A unique constraint refused a write: Prisma's P2002 for an ORM query, or P2010 (a raw
 * statement failed) carrying the driver adapter's `UniqueConstraintViolation`. Both database
 * adapters report it alike (see pglite-error-kinds.ts). Checked by shape, not class: Prisma's
 * error classes differ across module realms under test runners.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  if (error.code === 'P2002') return true;
  return error.code === 'P2010' && 'meta' in error && driverErrorKind(error.meta) === 'UniqueConstraintViolation';
}

function driverErrorKind(meta: unknown): unknown {
  if (typeof meta !== 'object' || meta === null || !('driverAdapterError' in meta)) return undefined;
  const { driverAdapterError } = meta;
  if (typeof driverAdapterError !== 'object' || driverAdapterError === null || !('cause' in driverAdapterError)) return undefined;
  const { cause } = driverAdapterError;
  return typeof cause === 'object' && cause !== null && 'kind' in cause ? cause.kind : undefined;
}
