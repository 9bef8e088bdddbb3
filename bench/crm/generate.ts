import { dependenciesOf } from '../../engine/crm/segments/dependencies';
import { validateCriteria } from '../../engine/journey/conditions/validate';
import type { BenchSql } from './bench-sql';
import { log, timed } from './timing';

export interface BenchSizes {
  readonly contacts: number;
  readonly orders: number;
  readonly events: number;
}

/** The event every measured segment change is about (see change-latency.ts). */
export const CART_EVENT = 'Added to Cart';

/**
 * Generates a workspace in SQL (generate_series), so that generating is not what the run spends
 * its time on: contacts, orders skewed like a real shop's (a few customers place many orders,
 * a power law over contact numbers), behaviour events, and three dynamic segments of the kinds
 * marketers build (time-based, on a score, on profile data).
 */
export async function generateWorkspace(sql: BenchSql, sizes: BenchSizes, now: Date): Promise<string> {
  const workspace = await sql.query<{ id: string }>(`INSERT INTO workspace (id, name, slug, currency) VALUES (gen_random_uuid(), 'Bench', 'bench', 'USD') RETURNING id`);
  const workspaceId = workspace.rows[0]?.id;
  if (!workspaceId) throw new Error('the bench workspace was not created');
  log('\ngenerating:');
  await timed('contacts', () =>
    sql.query(
      `INSERT INTO contact (id, workspace_id, email, first_name, type, status, tags, attributes, created_at, updated_at)
       SELECT gen_random_uuid(), $1, 'c' || g || '@bench.test', 'C' || g, (CASE WHEN g % 20 = 0 THEN 'wholesale' ELSE 'retail' END)::contact_type, 'active',
              CASE WHEN g % 7 = 0 THEN ARRAY['espresso'] ELSE ARRAY[]::text[] END, jsonb_build_object('plan', CASE WHEN g % 3 = 0 THEN 'pro' ELSE 'free' END),
              $2::timestamptz - (g % 900) * interval '1 day', $2::timestamptz
       FROM generate_series(1, $3::int) g`,
      [workspaceId, now, sizes.contacts],
    ),
  );
  // Each customer has a typical basket (most small, a few large) that their orders vary around,
  // so spend differs between customers as it does in a shop and the Gamma-Gamma spend model
  // has something to fit.
  await sql.query(
    `CREATE TEMP TABLE numbered AS
     SELECT id, row_number() OVER (ORDER BY id) AS n, 15 + 235 * power(random(), 2) AS basket FROM contact WHERE workspace_id = $1`,
    [workspaceId],
  );
  await sql.query('CREATE INDEX ON numbered (n)');
  // Each row draws its contact number once, in a subquery the planner cannot flatten (OFFSET 0):
  // random() in a join condition would be drawn again for every pair the join compares.
  await timed('orders', () =>
    sql.query(
      `INSERT INTO "order" (id, workspace_id, contact_id, status, currency, amount, cost, placed_at)
       SELECT gen_random_uuid(), $1, numbered.id, (CASE WHEN g % 25 = 0 THEN 'refunded' ELSE 'fulfilled' END)::order_status, 'USD',
              round((numbered.basket * (0.5 + random()))::numeric, 2), NULL, $2::timestamptz - (random() * 730) * interval '1 day'
       FROM (SELECT g, 1 + floor(power(random(), 2.5) * $4::int)::int AS n FROM generate_series(1, $3::int) g OFFSET 0) drawn
       JOIN numbered ON numbered.n = drawn.n`,
      [workspaceId, now, sizes.orders, sizes.contacts],
    ),
  );
  await timed('events', () =>
    sql.query(
      `INSERT INTO event (id, workspace_id, contact_id, name, properties, message_id, occurred_at)
       SELECT gen_random_uuid(), $1, numbered.id, (ARRAY['Viewed Product', 'Email Opened', 'Email Clicked', $5, 'Session Started'])[1 + g % 5], '{}'::jsonb,
              'bench-' || g, $2::timestamptz - (random() * 180) * interval '1 day'
       FROM (SELECT g, 1 + floor(power(random(), 1.5) * $4::int)::int AS n FROM generate_series(1, $3::int) g OFFSET 0) drawn
       JOIN numbered ON numbered.n = drawn.n`,
      [workspaceId, now, sizes.events, sizes.contacts, CART_EVENT],
    ),
  );
  await sql.query('DROP TABLE numbered');
  const counts = await sql.query<{ orders: string; events: string }>('SELECT (SELECT count(*) FROM "order") AS orders, (SELECT count(*) FROM event) AS events');
  const generated = counts.rows[0];
  if (Number(generated?.orders) !== sizes.orders || Number(generated?.events) !== sizes.events) throw new Error(`generated ${generated?.orders} orders and ${generated?.events} events`);
  // Written unevaluated (as an import would): the recompute's finish evaluates them.
  const segments: [string, unknown][] = [
    ['Lapsed', { all: [{ type: 'order', measure: 'order_count', operator: 'gte', value: 1 }, { type: 'order', measure: 'days_since_last_order', operator: 'gt', value: 90 }] }],
    ['High value', { type: 'score', field: 'clv.predicted', operator: 'gte', value: 500 }],
    ['Espresso pros', { all: [{ type: 'tag', operator: 'has', tag: 'espresso' }, { type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' }] }],
    ['Cart today', { type: 'event', name: CART_EVENT, withinDays: 1 }],
  ];
  for (const [name, criteria] of segments) {
    const checked = validateCriteria(criteria);
    if (!checked.ok) throw new Error(`bench segment ${name}: ${JSON.stringify(checked.issues)}`);
    const { keys, timeBased } = dependenciesOf(checked.criteria);
    await sql.query(
      `INSERT INTO segment (id, workspace_id, name, kind, criteria, depends_on, time_based, updated_at) VALUES (gen_random_uuid(), $1, $2, 'dynamic', $3, $4, $5, now())`,
      [workspaceId, name, JSON.stringify(checked.criteria), keys, timeBased],
    );
  }
  await timed('ANALYZE', () => sql.query('ANALYZE'));
  return workspaceId;
}
