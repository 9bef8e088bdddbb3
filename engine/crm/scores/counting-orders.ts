import { Prisma } from '../../../prisma/generated/client';
import { scopeFilter, type ContactScope } from '../sql';
import type { ScoringContext } from './context';

/**
 * The orders that count as purchases, as a WHERE condition over `"order" o`: paid or
 * fulfilled (pending, cancelled and refunded are not purchases), in the workspace currency
 * (amounts in other currencies cannot be added up), placed by `now` (so a recompute "as of" a
 * date ignores what came after), of the workspace and the contacts in scope. Every score that
 * reads orders uses this one definition, so they never disagree about who bought what.
 *
 * The currency is compared as char(3), the column's type: `o.currency = $1::text` would cast
 * the column instead, hiding its statistics from the planner (it then expects 0.5% of the
 * orders to match, and picks nested loops that take seconds on a chunk of 5,000 contacts).
 */
export function countingOrders(context: ScoringContext, scope: ContactScope): Prisma.Sql {
  return Prisma.sql`o.workspace_id = ${context.workspaceId}::uuid
    AND o.status IN ('paid', 'fulfilled')
    AND o.currency = ${context.currency}::bpchar
    AND o.placed_at <= ${context.now}::timestamptz
    ${scopeFilter(scope, Prisma.raw('o.contact_id'))}`;
}

/** The workspace's contacts in scope, as `SELECT c.id AS contact_id ...` (for scores every contact gets). */
export function contactsInScope(context: ScoringContext, scope: ContactScope): Prisma.Sql {
  return Prisma.sql`SELECT c.id AS contact_id FROM contact c
    WHERE c.workspace_id = ${context.workspaceId}::uuid ${scopeFilter(scope, Prisma.raw('c.id'))}`;
}
