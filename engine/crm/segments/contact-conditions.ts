import { Prisma } from '../../../prisma/generated/client';
import { currentCondition } from '../../journey/conditions/legacy';
import { validateCriteria } from '../../journey/conditions/validate';
import type { SqlClient } from '../sql';
import { compileCriteria } from './compile';

const { sql, join, raw } = Prisma;

export interface ContactConditionsInput {
  readonly workspaceId: string;
  readonly contactId: string;
  /** Conditions as journeys store them: today's language, or version 1 from plans still running. */
  readonly conditions: readonly unknown[];
  /** The properties of the event in hand (the entry event), for `property` conditions. */
  readonly event?: Readonly<Record<string, unknown>>;
  readonly now: Date;
}

/**
 * Tests journey conditions against one contact with the segment compiler, so a branch and a
 * segment with the same condition always agree: ONE query for all of them, answers in order.
 * Undefined when the contact is not in the workspace; a condition that is not valid (a plan
 * edited behind the engine's back) answers "no".
 */
export async function testContactConditions(client: SqlClient, input: ContactConditionsInput): Promise<boolean[] | undefined> {
  const { workspaceId, contactId, now } = input;
  const workspace = await client.$queryRaw<{ currency: string }[]>`SELECT currency FROM workspace WHERE id = ${workspaceId}::uuid`;
  const currency = workspace[0]?.currency;
  if (currency === undefined) return undefined;
  const context = { workspaceId, now, currency, ...(input.event && { event: input.event }) };
  const expressions = input.conditions.map((condition) => {
    const checked = validateCriteria(currentCondition(condition), 'contact');
    return checked.ok ? compileCriteria(checked.criteria, context) : sql`false`;
  });
  if (expressions.length === 0) return [];
  // One boolean column per condition (c0, c1, …): arrays of booleans do not come back through every driver.
  const columns = expressions.map((expression, index) => sql`${expression} AS ${raw(`c${index}`)}`);
  const rows = await client.$queryRaw<Record<string, unknown>[]>`
    SELECT ${join(columns)} FROM contact c WHERE c.workspace_id = ${workspaceId}::uuid AND c.id = ${contactId}::uuid`;
  const [row] = rows;
  return row && expressions.map((_, index) => row[`c${index}`] === true);
}
