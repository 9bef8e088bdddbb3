import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { WorkspaceRole } from '../../prisma/generated/client';
import { hashPassword } from '../../engine/accounts';
import type { Database } from '../../engine/db';

/** A password every rule accepts. */
export const GOOD_PASSWORD = 'correct horse battery staple';

/** The cookie header a reply's Set-Cookie lines make (the browser's job in tests). */
export function cookiesOf(response: LightMyRequestResponse, previous = ''): string {
  const jar = new Map(previous.split('; ').filter(Boolean).map((pair) => [pair.split('=')[0] ?? '', pair] as const));
  for (const cookie of response.cookies) {
    if (cookie.value === '' || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now())) jar.delete(cookie.name);
    else jar.set(cookie.name, `${cookie.name}=${cookie.value}`);
  }
  return [...jar.values()].join('; ');
}

export interface Browser {
  /** The cookies the browser holds. */
  cookie: string;
  /** The CSRF token the last session reply gave. */
  csrf: string;
}

/** Signs in through the API, as the builder does, and returns the browser's state. */
export async function signIn(app: FastifyInstance, email: string, password = GOOD_PASSWORD, workspaceId?: string): Promise<Browser> {
  const response = await app.inject({ method: 'POST', url: '/v1/session', payload: { email, password, ...(workspaceId && { workspaceId }) } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  return { cookie: cookiesOf(response), csrf: response.json<{ csrfToken: string }>().csrfToken };
}

/** A request as the signed-in browser makes it: cookies, and the CSRF header on writes. */
export function as(browser: Browser, request: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: unknown }) {
  const write = request.method !== 'GET';
  return {
    method: request.method,
    url: request.url,
    headers: { cookie: browser.cookie, ...(write && { 'x-csrf-token': browser.csrf }) },
    ...(request.payload !== undefined && { payload: JSON.stringify(request.payload), headers: { cookie: browser.cookie, 'content-type': 'application/json', ...(write && { 'x-csrf-token': browser.csrf }) } }),
  };
}

let hashed: Promise<string> | undefined;

/** A person with a role in a workspace, made directly in the database (one hash for all: the KDF is slow by design). */
export async function addPerson(db: Database, workspaceId: string, role: WorkspaceRole, email: string, options: { isOwner?: boolean } = {}): Promise<string> {
  hashed ??= hashPassword(GOOD_PASSWORD);
  const user = await db.prisma.user.create({ data: { email, name: email.split('@')[0] ?? email, passwordHash: await hashed, isOwner: options.isOwner ?? false } });
  await db.prisma.membership.create({ data: { userId: user.id, workspaceId, role } });
  return user.id;
}
