import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

// One client for the whole UI, typed from docs/openapi.json (`npm run openapi` regenerates
// schema.ts), so a changed route breaks the build rather than a screen.

let csrfToken: string | undefined;

/** The session's CSRF token (from GET/POST /v1/session); every cookie-authenticated write carries it. */
export function rememberCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && WRITES.has(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

let signedOut: (() => void) | undefined;

/** What to do when the engine says the session is gone (expired, revoked, signed out elsewhere). */
export function onSignedOut(handler: () => void): void {
  signedOut = handler;
}

const session: Middleware = {
  onResponse({ response }) {
    if (response.status === 401) signedOut?.();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(csrf, session);
