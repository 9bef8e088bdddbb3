/**
 * Response headers of the pages contacts open from email. The URL carries a personal token:
 * it must not leak to other sites (no referrer, no external resources), be cached by a shared
 * proxy, or be indexed. No script may run (the pages need none), and no other site may frame
 * them to trick a click on "Unsubscribe from all".
 */
export const CONTACT_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};
