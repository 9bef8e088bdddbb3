import { Prisma } from '../../../prisma/generated/client';
import { reusedPlan } from '../../db/reused-plan';
import type { SqlClient } from '../sql';
import { computedChange } from './computed-change';
import { announceOutbox } from './outbox';
import type { CrmChange } from './topics';

const { sql } = Prisma;

/**
 * What a batch chunk's statements announced themselves: how many events, and one example of
 * each kind (topic and score model), which is all the chunk needs to know which segments follow.
 */
export class AnnouncedChanges {
  total = 0;
  readonly examples: CrmChange[] = [];

  record(example: CrmChange, count: number): void {
    this.total += count;
    this.examples.push(example);
  }
}

/**
 * How a score or stage statement hands over its change events. A contact change gets them back
 * (it adds the segment moves they cause and announces everything together). A batch recompute
 * chunk, whose first run makes millions of them, has each statement append its events to the
 * outbox itself, so none of them travels to the application and back; they go in the bulk lane,
 * so the dispatcher's live feed never waits behind them.
 */
export type ChangeDelivery = { readonly kind: 'return' } | { readonly kind: 'outbox'; readonly announced: AnnouncedChanges };

export const returnChanges: ChangeDelivery = { kind: 'return' };
export const announceChanges = (announced: AnnouncedChanges): ChangeDelivery => ({ kind: 'outbox', announced });

/**
 * Runs `statement`, a WITH clause whose last query is `changes (contact_id uuid, position int,
 * topic text, payload jsonb)`, and delivers its changes: returned in contact order (and
 * `position` within a contact), or inserted into the outbox by the same statement, so they
 * commit with the rows that changed. Returns the changes handed back (none when announced).
 */
export async function deliverChanges(client: SqlClient, workspaceId: string, delivery: ChangeDelivery, statement: Prisma.Sql): Promise<CrmChange[]> {
  if (delivery.kind === 'return') {
    // A contact change: the same few statements for every event, over a list of contacts, so
    // their plans are kept (a batch chunk's, over a range, are planned for that range).
    const rows = await client.$queryRaw<{ topic: string; payload: unknown }[]>(reusedPlan(sql`
      ${statement}
      SELECT topic, payload FROM changes ORDER BY contact_id, position`));
    return rows.map((row) => computedChange(row.topic, row.payload));
  }
  const kinds = await client.$queryRaw<{ topic: string; payload: unknown; count: number }[]>(sql`
    ${statement},
    announced AS (
      INSERT INTO outbox_entry (workspace_id, topic, payload, lane)
      SELECT ${workspaceId}::uuid, topic, payload, 'bulk'::outbox_lane FROM changes)
    SELECT DISTINCT ON (topic, payload ->> 'model') topic, payload, (count(*) OVER (PARTITION BY topic, payload ->> 'model'))::int AS count
    FROM changes ORDER BY topic, payload ->> 'model'`);
  for (const kind of kinds) delivery.announced.record(computedChange(kind.topic, kind.payload), kind.count);
  if (kinds.length > 0) await announceOutbox(client, workspaceId, 'bulk');
  return [];
}
