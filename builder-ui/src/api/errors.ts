/** An API refusal as the engine sends it: a code, a readable message, and the field at fault. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Extra members of the error body (e.g. a draft conflict's current revision). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

function member(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

/** Turns an openapi-fetch error body (and status) into an ApiProblem. */
export function problemOf(status: number, body: unknown): ApiProblem {
  const error = member(body, 'error');
  const code = member(error, 'code');
  const message = member(error, 'message');
  const field = member(error, 'field');
  return new ApiProblem(
    status,
    typeof code === 'string' ? code : `HTTP_${status}`,
    typeof message === 'string' ? message : status >= 500 ? 'The engine could not answer; try again in a moment.' : `The request was refused (${status}).`,
    typeof field === 'string' ? field : undefined,
    body,
  );
}

/**
 * The data of an openapi-fetch result, or its error thrown as an ApiProblem, so TanStack
 * Query sees failures as failures.
 */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) throw problemOf(result.response.status, result.error);
  return result.data;
}

/** What to show for any error: the engine's own words when it sent some. */
export function describeError(error: unknown): { message: string; field?: string } {
  if (error instanceof ApiProblem) return { message: error.message, ...(error.field && { field: error.field }) };
  if (error instanceof TypeError) return { message: 'The engine cannot be reached. Is it running?' };
  return { message: error instanceof Error ? error.message : 'Something went wrong.' };
}
