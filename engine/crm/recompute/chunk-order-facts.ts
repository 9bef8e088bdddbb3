import { Prisma } from '../../../prisma/generated/client';
import type { CrmContext } from '../context';
import { ORDER_FACTS_COLUMNS, orderFactsQuery, type OrderFactsSource } from '../scores/order-facts';
import type { ContactScope, SqlClient } from '../sql';

/** The chunk's order facts live in a temporary table of its transaction (dropped at commit or rollback). */
const CHUNK_ORDER_FACTS = 'crm_chunk_order_facts';

/**
 * Reads the chunk's orders once, for every score: the facts go into a temporary table that
 * lives as long as the chunk's transaction, and the statistics the planner needs to join it
 * well are taken at once (a fresh temporary table has none: autovacuum never sees it).
 */
export async function storeChunkOrderFacts(client: SqlClient, context: CrmContext, scope: ContactScope): Promise<OrderFactsSource> {
  await client.$executeRaw(Prisma.sql`CREATE TEMPORARY TABLE ${Prisma.raw(CHUNK_ORDER_FACTS)} (${Prisma.raw(ORDER_FACTS_COLUMNS)}) ON COMMIT DROP`);
  await client.$executeRaw(Prisma.sql`INSERT INTO ${Prisma.raw(CHUNK_ORDER_FACTS)} ${orderFactsQuery(context, scope)}`);
  await client.$executeRaw(Prisma.sql`ANALYZE ${Prisma.raw(CHUNK_ORDER_FACTS)}`);
  return { kind: 'table', table: CHUNK_ORDER_FACTS };
}
