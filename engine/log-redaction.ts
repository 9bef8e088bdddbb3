import type { FastifyRequest } from 'fastify';

/**
 * Credentials never reach the logs, whatever a serializer, a plugin or a route logs about a
 * request: API keys travel in `authorization`, sessions in cookies, and a reply sets cookies.
 */
export const LOG_REDACT = {
  paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', 'res.headers["set-cookie"]', 'res.headers.set-cookie'],
  censor: '[redacted]',
};

// Links whose path or query carries a bearer token: setup, invitations, and the pages contacts
// open from email (unsubscribe, preferences, confirmation).
const TOKEN_IN_PATH = /^\/(invitations|unsubscribe|preferences|confirm)\/[^/?#]+/;
const TOKEN_IN_QUERY = /([?&]token=)[^&#]*/g;

/** A request URL as logs may show it: the route's shape, never the token in it. */
export function redactUrl(url: string): string {
  return url.replace(TOKEN_IN_PATH, '/$1/[redacted]').replace(TOKEN_IN_QUERY, '$1[redacted]');
}

/** fastify's request serializer, minus tokens in the URL. */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: redactUrl(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}
