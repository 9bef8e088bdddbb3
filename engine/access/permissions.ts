/**
 * Who may call what, as data: every route of the API names the permission it needs, and
 * key scopes and (later) people's roles are sets of levels. The route guard (`guard.ts`) reads
 * this table for every route at registration; a route missing here answers 403 to everyone,
 * and the access matrix test fails, so a new route cannot skip the question.
 *
 * Pure data and functions: no fastify or Prisma, so the builder can import it to hide what a
 * person may not do.
 */

/** What a permission lets its holder do, from least to most trusted. */
export const LEVELS = ['read', 'ingest', 'write', 'admin'] as const;
export type Level = (typeof LEVELS)[number];

/** The area a route belongs to; it only names the permission in a refusal. */
export type Area =
  | 'journeys'
  | 'segments'
  | 'templates'
  | 'contacts'
  | 'consent'
  | 'scores'
  | 'outbox'
  | 'actions'
  | 'events'
  | 'api_keys'
  | 'audit'
  | 'settings'
  | 'workspaces'
  | 'members'
  | 'hello';

/**
 * Areas only people reach: who belongs to a workspace, and making workspaces, are decisions
 * a person answers for in the audit log, not an integration's. A key of any scope gets 403.
 */
export const PEOPLE_ONLY_AREAS: ReadonlySet<Area> = new Set(['workspaces', 'members']);

export type Permission = `${Area}.${Level}`;

/** No key at all: health, and the signed, expiring links contacts open from messages (the token decides). */
export const PUBLIC = 'public';
/** Any signed-in person, whatever their role, and no key: their own session, password and workspace list. */
export const SIGNED_IN = 'signed_in';
export type RouteAccess = Permission | typeof PUBLIC | typeof SIGNED_IN;

/** API key scopes (the `api_key_scope` enum). */
export const SCOPES = ['full', 'ingest', 'read'] as const;
export type Scope = (typeof SCOPES)[number];

/** A person's role in a workspace (the `workspace_role` enum): a role is a set of levels, as a scope is. The instance owner is admin everywhere. */
export const ROLES = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPE_LEVELS: Readonly<Record<Scope, readonly Level[]>> = {
  // A full key is the workspace's admin for everything but people (PEOPLE_ONLY_AREAS).
  full: LEVELS,
  // Event sources (a shop, a tracking snippet) can feed data in but read nothing back.
  ingest: ['ingest'],
  // Dashboards and exports: GET routes only.
  read: ['read'],
};

export const ROLE_LEVELS: Readonly<Record<Role, readonly Level[]>> = {
  admin: LEVELS,
  editor: ['read', 'ingest', 'write'],
  viewer: ['read'],
};

/**
 * Keyed `METHOD path` with the path as the OpenAPI document spells it (`{param}`, and the
 * trailing slash of a plugin's root route). HEAD routes follow their GET.
 */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  'GET /health': PUBLIC,
  'GET /unsubscribe/{token}': PUBLIC,
  'POST /unsubscribe/{token}': PUBLIC,
  'GET /preferences/{token}': PUBLIC,
  'POST /preferences/{token}': PUBLIC,
  'GET /confirm/{token}': PUBLIC,
  'POST /confirm/{token}': PUBLIC,
  // Twilio signs these; the route checks the signature.
  'POST /v1/callbacks/twilio/status': PUBLIC,
  'POST /v1/callbacks/twilio/inbound': PUBLIC,
  // Signing in, first-run setup and accepting an invitation: the password or the link's token decides.
  'POST /v1/session': PUBLIC,
  'GET /v1/session/state': PUBLIC,
  'GET /setup': PUBLIC,
  'POST /setup': PUBLIC,
  'GET /invitations/{token}': PUBLIC,
  'POST /invitations/{token}': PUBLIC,
  'POST /v1/invitations/accept': PUBLIC,

  'GET /v1/session': SIGNED_IN,
  'DELETE /v1/session': SIGNED_IN,
  'PUT /v1/session/workspace': SIGNED_IN,
  'GET /v1/sessions': SIGNED_IN,
  'DELETE /v1/sessions': SIGNED_IN,
  'PUT /v1/me/password': SIGNED_IN,
  'GET /v1/workspaces': SIGNED_IN,
  'POST /v1/workspaces': 'workspaces.admin',

  'GET /v1/workspace': 'settings.read',
  'PATCH /v1/workspace': 'settings.admin',

  'GET /v1/members': 'members.read',
  'PUT /v1/members/{userId}': 'members.admin',
  'DELETE /v1/members/{userId}': 'members.admin',
  'GET /v1/invitations': 'members.admin',
  'POST /v1/invitations': 'members.admin',
  'DELETE /v1/invitations/{invitationId}': 'members.admin',

  'POST /hello': 'hello.write',

  'GET /v1/journeys/': 'journeys.read',
  'GET /v1/journeys/{journeyId}': 'journeys.read',
  'GET /v1/journeys/{journeyId}/versions': 'journeys.read',
  'GET /v1/journeys/{journeyId}/versions/{version}': 'journeys.read',
  'GET /v1/journeys/{journeyId}/stats': 'journeys.read',
  'GET /v1/journeys/{journeyId}/enrollments': 'journeys.read',
  'GET /v1/journeys/{journeyId}/enrollments/{enrollmentId}': 'journeys.read',
  'GET /v1/journeys/{journeyId}/enroll-segment/{runId}': 'journeys.read',
  'GET /v1/contacts/{contactId}/enrollments': 'journeys.read',
  'POST /v1/journeys/': 'journeys.write',
  'PUT /v1/journeys/drafts': 'journeys.write',
  'PUT /v1/journeys/{journeyId}/draft': 'journeys.write',
  // Lint changes nothing but is part of editing; read keys are for GET routes only.
  'POST /v1/journeys/{journeyId}/lint': 'journeys.write',
  'POST /v1/journeys/{journeyId}/publish': 'journeys.write',
  'POST /v1/journeys/{journeyId}/pause': 'journeys.write',
  'POST /v1/journeys/{journeyId}/resume': 'journeys.write',
  'POST /v1/journeys/{journeyId}/archive': 'journeys.write',
  'POST /v1/journeys/{journeyId}/enrollments/{enrollmentId}/cancel': 'journeys.write',
  'POST /v1/journeys/{journeyId}/enroll-segment': 'journeys.write',
  'POST /v1/journeys/{journeyId}/enroll': 'journeys.write',

  'GET /v1/segments/': 'segments.read',
  'GET /v1/segments/{segmentId}': 'segments.read',
  'GET /v1/segments/{segmentId}/members': 'segments.read',
  'PUT /v1/segments/': 'segments.write',
  'POST /v1/segments/preview': 'segments.write',
  'POST /v1/segments/{segmentId}/members': 'segments.write',
  'DELETE /v1/segments/{segmentId}/members': 'segments.write',
  'POST /v1/segments/{segmentId}/import': 'segments.write',
  'DELETE /v1/segments/{segmentId}': 'segments.write',

  'GET /v1/templates/': 'templates.read',
  'GET /v1/templates/{templateId}': 'templates.read',
  'POST /v1/templates/': 'templates.write',
  'PUT /v1/templates/{templateId}': 'templates.write',
  'DELETE /v1/templates/{templateId}': 'templates.write',
  'POST /v1/templates/{templateId}/preview': 'templates.write',

  'GET /v1/contacts/': 'contacts.read',
  'GET /v1/contacts/{contactId}': 'contacts.read',
  'GET /v1/contacts/{contactId}/export': 'contacts.read',
  'GET /v1/contacts/{contactId}/messages': 'contacts.read',
  'GET /v1/contacts/attributes': 'contacts.read',
  'PUT /v1/contacts/': 'contacts.write',
  'POST /v1/contacts/import': 'contacts.write',
  'DELETE /v1/contacts/{contactId}': 'contacts.write',
  'POST /v1/contacts/{contactId}/merge': 'contacts.write',
  'POST /v1/contacts/{contactId}/erase': 'contacts.write',

  'GET /v1/contacts/{contactId}/consent': 'consent.read',
  'GET /v1/contacts/{contactId}/consent/history': 'consent.read',
  'GET /v1/consent/settings': 'consent.read',
  'GET /v1/consent/topics': 'consent.read',
  'POST /v1/contacts/{contactId}/consent': 'consent.write',
  'PUT /v1/consent/topics/{key}': 'consent.write',
  'DELETE /v1/consent/topics/{key}': 'consent.write',
  'PUT /v1/consent/settings': 'consent.admin',

  'GET /v1/scores/recompute': 'scores.read',
  'GET /v1/scores/recompute/{runId}': 'scores.read',
  'GET /v1/scores/contacts/{contactId}': 'scores.read',
  'POST /v1/scores/recompute': 'scores.write',

  'GET /v1/outbox/': 'outbox.read',
  'GET /v1/actions/': 'actions.read',

  // What was received, for the builder's pickers: a read, so no ingest key reaches it.
  'GET /v1/events/names': 'events.read',
  // The only routes an ingest key reaches.
  'POST /v1/track': 'events.ingest',
  'POST /v1/identify': 'events.ingest',
  'POST /v1/orders': 'events.ingest',
  'POST /v1/batch': 'events.ingest',

  'POST /v1/api-keys/': 'api_keys.admin',
  'GET /v1/api-keys/': 'api_keys.admin',
  'DELETE /v1/api-keys/{keyId}': 'api_keys.admin',
  // The audit log (engine/audit): who changed what; for admins only.
  'GET /v1/audit/': 'audit.admin',
};

/** `GET /v1/journeys/:journeyId` (fastify) → `GET /v1/journeys/{journeyId}` (the table's key). */
export function routeKey(method: string, url: string): string {
  const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return `${verb} ${url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

export const accessOf = (method: string, url: string): RouteAccess | undefined => ROUTE_ACCESS[routeKey(method, url)];

export const areaOf = (permission: Permission): Area => {
  const [area] = permission.split('.');
  const found = AREAS.find((candidate) => candidate === area);
  if (!found) throw new Error(`permission without an area: ${permission}`);
  return found;
};

const AREAS: readonly Area[] = ['journeys', 'segments', 'templates', 'contacts', 'consent', 'scores', 'outbox', 'actions', 'events', 'api_keys', 'audit', 'settings', 'workspaces', 'members', 'hello'];

export const levelOf = (permission: Permission): Level => {
  const level = LEVELS.find((candidate) => permission.endsWith(`.${candidate}`));
  if (!level) throw new Error(`permission without a level: ${permission}`);
  return level;
};

export const scopeAllows = (scope: Scope, permission: Permission): boolean => !PEOPLE_ONLY_AREAS.has(areaOf(permission)) && SCOPE_LEVELS[scope].includes(levelOf(permission));
export const roleAllows = (role: Role, permission: Permission): boolean => ROLE_LEVELS[role].includes(levelOf(permission));
