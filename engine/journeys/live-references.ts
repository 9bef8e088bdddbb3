import type { PrismaClient } from '../../prisma/generated/client';

/** The id fields journey nodes name other resources by (email `input.templateId`, segment triggers and actions). */
export type ReferenceField = 'templateId' | 'segmentId';

// Constant paths, one per field: the field is a closed union, so no caller text reaches jsonpath.
// `$.**` visits every object at any depth, so a node kind added later is covered without change.
const PATHS: Record<ReferenceField, string> = {
  templateId: '$.** ? (@.templateId == $id)',
  segmentId: '$.** ? (@.segmentId == $id)',
};

/**
 * The journeys that may still use a resource: a published version whose plan (or graph) names
 * it under `field`, and that is either the version new contacts enter (the latest published one,
 * journey not archived) or one that contacts still run. Older versions nobody runs any more hold
 * nothing. Journey names, sorted. What template and segment deletion refuse on.
 */
export async function journeysReferencing(client: Pick<PrismaClient, '$queryRaw'>, workspaceId: string, field: ReferenceField, id: string): Promise<string[]> {
  const path = PATHS[field];
  const rows = await client.$queryRaw<{ name: string }[]>`
    SELECT DISTINCT j.name
    FROM journey j JOIN journey_version v ON v.journey_id = j.id
    WHERE j.workspace_id = ${workspaceId}::uuid
      AND v.published_at IS NOT NULL
      AND ((j.status <> 'archived' AND v.version = (SELECT max(l.version) FROM journey_version l WHERE l.journey_id = j.id AND l.published_at IS NOT NULL))
           OR EXISTS (SELECT 1 FROM journey_enrollment e WHERE e.journey_version_id = v.id AND e.status = 'running'))
      AND (jsonb_path_exists(coalesce(v.plan, 'null'::jsonb), ${path}::jsonpath, jsonb_build_object('id', ${id}::text))
           OR jsonb_path_exists(v.graph, ${path}::jsonpath, jsonb_build_object('id', ${id}::text)))
    ORDER BY j.name`;
  return rows.map((row) => row.name);
}
