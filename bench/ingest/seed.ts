import { loadCrmContext } from '../../engine/crm/context';
import { saveSegment } from '../../engine/crm/segments/store';
import type { Database } from '../../engine/db';
import { createApiKey } from '../../engine/journeys';
import type { Fixture } from './protocol';

/** Past events per seeded contact: scores and segments read a contact's history on every change. */
const HISTORY_PER_CONTACT = 10;

/**
 * A shop's workspace: `contacts` customers (email and the shop's id each), a short history of
 * events each, two dynamic segments reading events (so every tracked event re-evaluates them
 * for its contact), and a full-scope API key.
 */
export async function seedShop(db: Database, contacts: number): Promise<Fixture> {
  const { prisma } = db;
  const workspace = await prisma.workspace.create({ data: { name: 'Bench roastery', slug: `bench-${Date.now()}`, currency: 'EUR' }, select: { id: true } });
  const workspaceId = workspace.id;
  await prisma.$executeRaw`
    INSERT INTO contact (id, workspace_id, email, external_id, first_name, created_at)
    SELECT gen_random_uuid(), ${workspaceId}::uuid, 'shopper-' || n || '@example.com', 'cust-' || n, 'Shopper ' || n, now() - (n % 400) * interval '1 day'
    FROM generate_series(1, ${contacts}::int) AS n`;
  await prisma.$executeRaw`
    INSERT INTO event (id, workspace_id, contact_id, name, properties, message_id, occurred_at)
    SELECT gen_random_uuid(), c.workspace_id, c.id, (ARRAY['Viewed Product', 'Page Viewed', 'Added to Cart'])[1 + k % 3],
           jsonb_build_object('sku', 'BEANS-ESP-1KG', 'price', 32.5), 'seed-' || c.id || '-' || k, now() - k * interval '3 days'
    FROM contact c CROSS JOIN generate_series(1, ${HISTORY_PER_CONTACT}::int) AS k
    WHERE c.workspace_id = ${workspaceId}::uuid`;
  const context = await loadCrmContext(prisma, workspaceId, new Date());
  await saveSegment(prisma, context, { name: 'Cart in the last week', kind: 'dynamic', criteria: { type: 'event_last', name: 'Added to Cart', operator: 'within_last_days', days: 7 } });
  await saveSegment(prisma, context, { name: 'Keen browsers', kind: 'dynamic', criteria: { type: 'event', name: 'Viewed Product', count: { operator: 'gte', value: 3 } } });
  // After a bulk load, as a DBA would (autovacuum on Postgres gets there within a minute, the
  // engine's maintenance on PGlite within 30 s; the load starts before either).
  await db.analyze();
  const { key } = await createApiKey(prisma, workspaceId, 'bench');
  const rows = await prisma.contact.findMany({ where: { workspaceId }, select: { id: true, email: true, externalId: true }, orderBy: { externalId: 'asc' } });
  return {
    workspaceId,
    apiKey: key,
    contacts: {
      ids: rows.map((row) => row.id),
      externalIds: rows.flatMap((row) => (row.externalId === null ? [] : [row.externalId])),
      emails: rows.flatMap((row) => (row.email === null ? [] : [row.email])),
    },
  };
}
