import { DriverAdapterError, isDriverAdapterError, type SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

type MappedError = DriverAdapterError['cause'];

/**
 * pglite-prisma-adapter 0.6 reports every database error as a generic "postgres" error,
 * whereas Prisma's own pg adapter maps constraint violations to kinds the client turns
 * into P2002/P2003/P2011/P2034. The engine relies on those codes (a unique idempotency key
 * is how a retried send finds its ledger row), so both databases must report them alike.
 * This proxy maps the same SQLSTATEs @prisma/adapter-pg maps, on every call and on the
 * transactions the adapter hands out.
 */
export function withPostgresErrorKinds(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return mapErrorsOf(factory);
}

function mapErrorsOf<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver): unknown {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const result: unknown = Reflect.apply(value, object, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (resolved: unknown) => (hasQueryMethods(resolved) ? mapErrorsOf(resolved) : resolved),
          (error: unknown) => {
            throw remap(error);
          },
        );
      };
    },
  });
}

/** Adapters and transactions both expose queryRaw; their results are wrapped in turn. */
function hasQueryMethods(value: unknown): value is object {
  return typeof value === 'object' && value !== null && 'queryRaw' in value && typeof value.queryRaw === 'function';
}

function remap(error: unknown): unknown {
  if (!isDriverAdapterError(error) || error.cause.kind !== 'postgres') return error;
  const mapped = mapSqlState(error.cause);
  return mapped ? new DriverAdapterError(mapped) : error;
}

function mapSqlState(cause: Extract<MappedError, { kind: 'postgres' }>): MappedError | undefined {
  const fields = cause.detail?.match(/Key \(([^)]+)\)/)?.[1]?.split(', ');
  const constraint = fields ? { fields } : undefined;
  const original = { originalCode: cause.code, originalMessage: cause.message };
  switch (cause.code) {
    case '23505':
      return { kind: 'UniqueConstraintViolation', constraint, ...original };
    case '23502':
      return { kind: 'NullConstraintViolation', constraint: cause.column ? { fields: [cause.column] } : constraint, ...original };
    case '23503':
      return { kind: 'ForeignKeyConstraintViolation', constraint: cause.column ? { fields: [cause.column] } : undefined, ...original };
    case '22001':
      return { kind: 'LengthMismatch', column: cause.column, ...original };
    case '22003':
      return { kind: 'ValueOutOfRange', cause: cause.message, ...original };
    case '40001':
      return { kind: 'TransactionWriteConflict', ...original };
    default:
      return undefined;
  }
}
