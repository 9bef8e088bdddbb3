import { AccountError } from '../../accounts';
import { ApiError } from '../../errors';

const CODES = { invalid: 'VALIDATION_FAILED', conflict: 'CONFLICT', not_found: 'NOT_FOUND', forbidden: 'FORBIDDEN', link_unusable: 'LINK_UNUSABLE', throttled: 'TOO_MANY_ATTEMPTS' } as const;

/** The accounts service's refusals as API errors (the one error shape, naming the field); anything else as is. */
export function asApiError(error: unknown): unknown {
  if (!(error instanceof AccountError)) return error;
  const detail = error.kind === 'invalid' && error.field ? `${error.field} ${error.detail}` : error.detail;
  return new ApiError(CODES[error.kind], detail, error.field);
}

/** Runs a service call, turning its refusals into API errors. */
export async function accountCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asApiError(error);
  }
}
