import { Prisma } from '../../../prisma/generated/client';
import type { LeadSettings } from '../settings';

// Lead fit rules compiled to SQL boolean expressions over the contact row `c`. Field names are
// checked against a whitelist and turned into fixed column references here; rule values are
// always bind parameters. Each expression is wrapped in COALESCE(…, false): a missing value
// does not match.
//
//   contact.email | phone | company | type | source | status | locale | timezone   the column
//   contact.tags                                                                   the tag list
//   contact.attributes.<key>[.<key>…]                                              custom attribute (text)
//
//   operator  text field                          contact.tags
//   exists    not null and not ''                 at least one tag
//   equals    = value                             has the tag `value`
//   in        = any of value (list or one value)  has any of the tags
//   contains  case-insensitive substring          has the tag (or, for a list, all of them)

const { sql } = Prisma;

export type FitRule = LeadSettings['fit'][number];

/** The contact columns a fit rule may read, as SQL text expressions. */
const FIT_COLUMNS: Readonly<Record<string, Prisma.Sql>> = {
  'contact.email': Prisma.raw('c.email'),
  'contact.phone': Prisma.raw('c.phone'),
  'contact.company': Prisma.raw('c.company'),
  'contact.type': Prisma.raw('c.type::text'),
  'contact.source': Prisma.raw('c.source'),
  'contact.status': Prisma.raw('c.status::text'),
  'contact.locale': Prisma.raw('c.locale'),
  'contact.timezone': Prisma.raw('c.timezone'),
};

const TAGS_FIELD = 'contact.tags';
const ATTRIBUTE_PREFIX = 'contact.attributes.';

/** The fields a fit rule may name (attributes: any key under the prefix). */
export const FIT_FIELDS: readonly string[] = [...Object.keys(FIT_COLUMNS), TAGS_FIELD, `${ATTRIBUTE_PREFIX}<key>`];

export class InvalidFitRuleError extends Error {
  override readonly name = 'InvalidFitRuleError';
}

/** Whether the contact `c` matches the rule, as a boolean SQL expression (never null). */
export function compileFitRule(rule: FitRule, position: number): Prisma.Sql {
  const where = `lead fit rule ${position + 1} (${rule.field})`;
  if (rule.field === TAGS_FIELD) return sql`COALESCE(${tagCondition(rule, where)}, false)`;
  return sql`COALESCE(${textCondition(textField(rule.field, where), rule, where)}, false)`;
}

function textField(field: string, where: string): Prisma.Sql {
  const column = FIT_COLUMNS[field];
  if (column) return column;
  if (field.startsWith(ATTRIBUTE_PREFIX)) {
    const path = field.slice(ATTRIBUTE_PREFIX.length).split('.');
    if (path.some((key) => key.length === 0)) throw new InvalidFitRuleError(`${where}: empty attribute key in field "${field}"`);
    return sql`(c.attributes #>> ${path}::text[])`;
  }
  throw new InvalidFitRuleError(`${where}: unknown field "${field}" (known: ${FIT_FIELDS.join(', ')})`);
}

function textCondition(value: Prisma.Sql, rule: FitRule, where: string): Prisma.Sql {
  switch (rule.operator) {
    case 'exists':
      return sql`(NULLIF(${value}, '') IS NOT NULL)`;
    case 'equals':
      return sql`(${value} = ${scalar(rule, where)}::text)`;
    case 'in':
      return sql`(${value} = ANY(${list(rule, where)}::text[]))`;
    case 'contains':
      return sql`(strpos(lower(${value}), lower(${scalar(rule, where)}::text)) > 0)`;
  }
}

function tagCondition(rule: FitRule, where: string): Prisma.Sql {
  switch (rule.operator) {
    case 'exists':
      return sql`(cardinality(c.tags) > 0)`;
    case 'equals':
      return sql`(${scalar(rule, where)}::text = ANY(c.tags))`;
    case 'in':
      return sql`(c.tags && ${list(rule, where)}::text[])`;
    case 'contains':
      return Array.isArray(rule.value) ? sql`(c.tags @> ${list(rule, where)}::text[])` : sql`(${scalar(rule, where)}::text = ANY(c.tags))`;
  }
}

/** One value, as text (attributes compare as their JSON text: 12, true). */
function scalar(rule: FitRule, where: string): string {
  if (rule.value === undefined) throw new InvalidFitRuleError(`${where}: operator "${rule.operator}" needs a value`);
  if (Array.isArray(rule.value)) throw new InvalidFitRuleError(`${where}: operator "${rule.operator}" takes one value, not a list (use "in")`);
  return String(rule.value);
}

/** A list of values as text; one value is a list of one. */
function list(rule: FitRule, where: string): string[] {
  if (rule.value === undefined) throw new InvalidFitRuleError(`${where}: operator "${rule.operator}" needs a value`);
  return Array.isArray(rule.value) ? [...rule.value] : [String(rule.value)];
}
