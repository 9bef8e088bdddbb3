import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AUDIT_DECLARATIONS, isAudited, openApiPath, type Audited } from './declarations';
import { actorOf } from '../plugins/auth';
import type { AuditActor, AuditSummary } from './entry';
import { AuditWriter } from './writer';

/** What a handler may add to its route's audit row. */
export interface AuditNote {
  /** Before/after of a status or settings change, and the like: never addresses, names or secrets. */
  readonly summary?: AuditSummary;
  /**
   * For routes that authenticate in the handler (signing in, accepting an invitation, first
   * run): who acted and in which workspace the row belongs. Other routes take both from the
   * request's credentials.
   */
  readonly actor?: AuditActor;
  readonly workspaceId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by a handler to enrich the audit row its route's declaration produces. */
    audit: AuditNote | null;
    /** The 2xx reply object, kept for the audit row (target ids and counts come from it). */
    auditReply: unknown;
  }
}

/**
 * One audit row per successful (2xx) request to a route declared audited (declarations.ts),
 * written by one hook for every route.
 *
 * Durability: the row is written after the handler's own transaction has committed, in
 * `onSend`, before the reply leaves. A crash between the two loses the row, which writing it in
 * each service's transaction would not; that needs the actor threaded through every service
 * and is left for when people sign in. Writing before the reply (not in `onResponse`) means a
 * client that saw the 2xx can find the row. A failed audit insert is logged as an error and
 * the reply still goes out: the change is committed, and a 500 would invite a retry of a write
 * that already happened. Rows of concurrent requests are inserted together (AuditWriter).
 */
export const auditPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('audit', null);
    app.decorateRequest('auditReply', null);
    const writer = new AuditWriter(app.services.db.prisma);

    // preSerialization sees the reply as an object (onSend only sees its JSON text). It does
    // not run for empty replies (204), whose targets come from the path.
    app.addHook('preSerialization', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (isSuccess(reply.statusCode)) request.auditReply = payload;
      return payload;
    });

    app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const declaration = declarationOf(request);
      const workspaceId = request.audit?.workspaceId ?? request.workspaceId;
      if (!declaration || !isSuccess(reply.statusCode) || !workspaceId) return payload;
      const actor = request.audit?.actor ?? actorOf(request) ?? { type: 'system', id: null };
      try {
        await writer.append({
          workspaceId,
          actor,
          action: declaration.action,
          target: { type: declaration.target.type, id: 'actor' in declaration.target ? actor.id : targetIdOf(declaration, request) },
          summary: { ...countsOf(declaration, request.auditReply), ...request.audit?.summary },
          requestId: request.id,
          clientAddress: request.ip,
          occurredAt: new Date(),
        });
      } catch (error) {
        request.log.error({ err: error, action: declaration.action }, 'audit row not written');
      }
      return payload;
    });
  },
  { name: 'audit', dependencies: ['services', 'auth'] },
);

// A 303 is how a successful form post (setup, invitation pages) answers: redirect after the write.
const isSuccess = (status: number): boolean => (status >= 200 && status < 300) || status === 303;

function declarationOf(request: FastifyRequest): Audited | undefined {
  const url = request.routeOptions.url;
  if (url === undefined) return undefined;
  const path = openApiPath(url);
  // A prefix's root route answers with and without the slash; the document lists it with one.
  const declaration = AUDIT_DECLARATIONS[`${request.method} ${path}`] ?? AUDIT_DECLARATIONS[`${request.method} ${path}/`];
  return declaration && isAudited(declaration) ? declaration : undefined;
}

/** Reads a (dotted) field of an unknown value, without trusting its shape. */
function fieldOf(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    const next: unknown = Reflect.get(current, key);
    current = next;
  }
  return current;
}

function targetIdOf(declaration: Audited, request: FastifyRequest): string | null {
  const { target } = declaration;
  if ('workspace' in target) return request.workspaceId;
  if ('actor' in target) return null;
  const value = 'param' in target ? fieldOf(request.params, target.param) : fieldOf(request.auditReply, target.replyField);
  return typeof value === 'string' ? value : null;
}

function countsOf(declaration: Audited, reply: unknown): AuditSummary {
  const counts: Record<string, number | boolean> = {};
  for (const field of declaration.replyCounts ?? []) {
    const value = fieldOf(reply, field);
    if (typeof value === 'number' || typeof value === 'boolean') counts[field] = value;
  }
  return counts;
}
