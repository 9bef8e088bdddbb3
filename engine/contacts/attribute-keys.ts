import { Prisma, type PrismaClient } from '../../prisma/generated/client';

const { sql } = Prisma;

/** The builder's attribute picker lists at most this many keys. */
export const ATTRIBUTE_KEYS_LIMIT = 500;

export const ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'array', 'object'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export interface AttributeKey {
  key: string;
  /** The JSON type of its values; when contacts disagree, the most common one. */
  type: AttributeType;
}

const isAttributeType = (type: string): type is AttributeType => (ATTRIBUTE_TYPES as readonly string[]).includes(type);

/**
 * The custom attribute keys in use in the workspace, sorted by key (up to
 * ATTRIBUTE_KEYS_LIMIT), each with the JSON type most of its values have (null values do not
 * count). One set-based query over the workspace's contacts.
 */
export async function attributeKeys(prisma: Pick<PrismaClient, '$queryRaw'>, workspaceId: string): Promise<AttributeKey[]> {
  const rows = await prisma.$queryRaw<{ key: string; type: string }[]>(sql`
    SELECT DISTINCT ON (a.key) a.key, jsonb_typeof(a.value) AS type
    FROM contact c
    CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(c.attributes) = 'object' THEN c.attributes ELSE '{}'::jsonb END) a
    WHERE c.workspace_id = ${workspaceId}::uuid AND jsonb_typeof(a.value) <> 'null'
    GROUP BY a.key, jsonb_typeof(a.value)
    ORDER BY a.key, count(*) DESC, jsonb_typeof(a.value)
    LIMIT ${ATTRIBUTE_KEYS_LIMIT}::int`);
  return rows.flatMap(({ key, type }) => (isAttributeType(type) ? [{ key, type }] : []));
}
