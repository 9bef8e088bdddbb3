import { LEVELS, PEOPLE_ONLY_AREAS, PUBLIC, ROLES, ROUTE_ACCESS, roleAllows, routeKey, SCOPES, scopeAllows, SIGNED_IN, areaOf, type Permission } from '../../../engine/access/permissions';

const permissions = (): Permission[] => [...new Set(Object.values(ROUTE_ACCESS).flatMap((access) => (access === PUBLIC || access === SIGNED_IN ? [] : [access])))];

describe('the permission table', () => {
  it('spells fastify routes as the OpenAPI document does, HEAD as GET', () => {
    expect(routeKey('post', '/v1/journeys/:journeyId/publish')).toBe('POST /v1/journeys/{journeyId}/publish');
    expect(routeKey('HEAD', '/v1/contacts/:contactId')).toBe('GET /v1/contacts/{contactId}');
  });

  it('gives a full key everything but people, an ingest key ingestion only and a read key reads only', () => {
    const allowed = (scope: (typeof SCOPES)[number]) => permissions().filter((permission) => scopeAllows(scope, permission));
    expect(allowed('full')).toEqual(permissions().filter((permission) => !PEOPLE_ONLY_AREAS.has(areaOf(permission))));
    expect(permissions().filter((permission) => PEOPLE_ONLY_AREAS.has(areaOf(permission))).sort()).toEqual(['members.admin', 'members.read', 'workspaces.admin']);
    expect(allowed('ingest')).toEqual(['events.ingest']);
    expect(allowed('read').every((permission) => permission.endsWith('.read'))).toBe(true);
    expect(allowed('read')).toContain('contacts.read');
  });

  // People's roles are checked against the same table.
  it('maps roles onto the same levels: viewer reads, editor also ingests and writes, admin does all', () => {
    const levels = (role: (typeof ROLES)[number]) => LEVELS.filter((level) => roleAllows(role, `contacts.${level}`));
    expect(levels('viewer')).toEqual(['read']);
    expect(levels('editor')).toEqual(['read', 'ingest', 'write']);
    expect(levels('admin')).toEqual([...LEVELS]);
    expect(roleAllows('editor', 'api_keys.admin')).toBe(false);
  });
});
