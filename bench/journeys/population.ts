import type { Database } from '../../engine/db';

/** A workspace of `count` contacts (email, phone, first name, `vip`), inserted set-based before any clock starts. */
export async function populate(db: Database, count: number): Promise<{ workspaceId: string; contactIds: string[] }> {
  const slug = `bench-${Date.now()}`;
  const workspace = await db.prisma.workspace.create({ data: { name: 'Bench', slug, timezone: 'UTC' }, select: { id: true } });
  await db.prisma.$executeRaw`
    INSERT INTO contact (id, workspace_id, email, phone, first_name, attributes, updated_at)
    SELECT gen_random_uuid(), ${workspace.id}::uuid, 'customer-' || n || '@example.com', '+1555' || lpad(n::text, 7, '0'), 'Customer ' || n, '{"vip": true}'::jsonb, now()
    FROM generate_series(1, ${count}::int) AS n`;
  // After a bulk load, before the clocks start (the engine's own maintenance would get there within 30 s).
  await db.analyze();
  const rows = await db.prisma.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM contact WHERE workspace_id = ${workspace.id}::uuid ORDER BY id`;
  return { workspaceId: workspace.id, contactIds: rows.map((row) => row.id) };
}

/** A static segment holding the given contacts, as an import would leave it. */
export async function staticSegment(db: Database, workspaceId: string, contactIds: readonly string[]): Promise<string> {
  const segment = await db.prisma.segment.create({ data: { workspaceId, name: `Bench ${contactIds.length}`, kind: 'static' }, select: { id: true } });
  await db.prisma.$executeRaw`
    INSERT INTO segment_membership (segment_id, contact_id, workspace_id, source)
    SELECT ${segment.id}::uuid, id::uuid, ${workspaceId}::uuid, 'import' FROM unnest(${contactIds}::text[]) AS id`;
  return segment.id;
}

/** Enrollment rows for the floor workflows' sends to point at (the communication table's foreign key), made untimed; fresh ids each round. */
export async function floorEnrollments(db: Database, workspaceId: string, journeyId: string, journeyVersionId: string, contactIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.prisma.$queryRaw<{ id: string; contact_id: string }[]>`
    INSERT INTO journey_enrollment (id, workspace_id, journey_id, journey_version_id, contact_id, workflow_id, run_id, started_at)
    SELECT gen_random_uuid(), ${workspaceId}::uuid, ${journeyId}::uuid, ${journeyVersionId}::uuid, id::uuid, 'floor-' || gen_random_uuid(), 'floor-run-' || gen_random_uuid(), now()
    FROM unnest(${contactIds}::text[]) AS id
    RETURNING id::text AS id, contact_id::text AS contact_id`;
  return new Map(rows.map((row) => [row.contact_id, row.id]));
}
