/**
 * Every error the API returns, in one place: a stable code, the HTTP status and a message
 * template. Routes throw `apiError(code, details)`; the error handler renders it.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, message: 'The request is invalid: {detail}' },
  MALFORMED_BODY: { status: 400, message: 'The request body cannot be read: {detail}' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported content type: {detail}' },
  UNAUTHORIZED: { status: 401, message: 'Sign in, or send a valid API key as "Authorization: Bearer <key>".' },
  SIGN_IN_FAILED: { status: 401, message: 'The email address or the password is wrong.' },
  FORBIDDEN: { status: 403, message: 'Forbidden: {detail}' },
  CSRF_FAILED: { status: 403, message: 'A signed-in write needs the CSRF token of its session in the "x-csrf-token" header (GET /v1/session returns it).' },
  LINK_UNUSABLE: { status: 410, message: 'This link cannot be used: {detail}' },
  TOO_MANY_ATTEMPTS: { status: 429, message: 'Too many attempts: {detail}' },
  SIGN_IN_THROTTLED: { status: 429, message: 'Too many failed sign-ins: retry in {detail}.' },
  NOT_FOUND: { status: 404, message: 'Not found: {detail}' },
  JOURNEY_INVALID: { status: 422, message: 'The journey cannot be published: {detail}' },
  SEGMENT_INVALID: { status: 422, message: 'The segment cannot be saved: {detail}' },
  TEMPLATE_INVALID: { status: 422, message: 'The template is invalid: {detail}' },
  CURRENCY_MISMATCH: { status: 422, message: 'The order is not in the workspace currency: {detail}' },
  CONFLICT: { status: 409, message: 'Conflict: {detail}' },
  DRAFT_CONFLICT: { status: 409, message: 'This journey was changed in another tab or by someone else at {detail}; reload to see the newest version.' },
  NAME_TAKEN: { status: 409, message: 'The name is taken: {detail}. Choose another one.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No route {detail}' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; retry later.' },
  MAIL_UNAVAILABLE: { status: 503, message: 'The mail server did not take the message; nothing was created. Retry later.' },
  TEMPORAL_UNAVAILABLE: { status: 503, message: 'The workflow service is unavailable; retry later.' },
  INTERNAL: { status: 500, message: 'Internal server error.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail = '',
    /** The request field at fault, e.g. `body.name`. */
    readonly field?: string,
  ) {
    super(ERROR_CATALOGUE[code].message.replace('{detail}', detail));
    this.status = ERROR_CATALOGUE[code].status;
  }
}
