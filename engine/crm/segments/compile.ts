import { Prisma } from '../../../prisma/generated/client';
import type { Comparison, ConditionLeaf, Criteria, PropertyFilter, ScoreField } from '../../journey/conditions/language';
import { scoreKind } from '../../journey/conditions/value-kinds';

// Compiles a criteria tree to ONE SQL boolean expression over the contact row `c`. Every value
// is a bind parameter; identifiers come from fixed tables here, never from the criteria. Each
// condition is wrapped in COALESCE(…, false) so a missing value is "no" and NOT behaves the way
// a marketer reads it ("not in segment X" includes contacts with no data at all).

const { sql, join, raw, empty } = Prisma;

export interface CompileContext {
  readonly workspaceId: string;
  /** The clock for relative dates ("within the last 30 days"): a parameter, so tests and sweeps agree. */
  readonly now: Date;
  /** Order aggregates count orders in the workspace currency only. */
  readonly currency: string;
  /** The properties of the event in hand, for `property` conditions (journeys); absent for segments. */
  readonly event?: Readonly<Record<string, unknown>>;
}

/** A value in SQL, as each type: only the forms a field has are present. */
interface Operand {
  readonly text?: Prisma.Sql;
  readonly number?: Prisma.Sql;
  readonly date?: Prisma.Sql;
  readonly boolean?: Prisma.Sql;
  /** "Has a value": defaults to `text IS NOT NULL`. */
  readonly present?: Prisma.Sql;
}

const DAY_MS = 86_400_000;

export function compileCriteria(criteria: Criteria, context: CompileContext): Prisma.Sql {
  if ('all' in criteria) return sql`(${join(criteria.all.map((child) => compileCriteria(child, context)), ' AND ')})`;
  if ('any' in criteria) return sql`(${join(criteria.any.map((child) => compileCriteria(child, context)), ' OR ')})`;
  if ('not' in criteria) return sql`(NOT ${compileCriteria(criteria.not, context)})`;
  return sql`COALESCE(${compileCondition(criteria, context)}, false)`;
}

/** The matching contacts of a workspace, optionally limited to some (`AND c.id = ANY(...)`). */
export function matchingContactsQuery(criteria: Criteria, context: CompileContext, scope: Prisma.Sql = empty): Prisma.Sql {
  return sql`SELECT c.id FROM contact c WHERE c.workspace_id = ${context.workspaceId}::uuid ${scope} AND ${compileCriteria(criteria, context)}`;
}

function compileCondition(condition: ConditionLeaf, context: CompileContext): Prisma.Sql {
  switch (condition.type) {
    case 'property':
      // The event travels as one JSON parameter; with no event in hand every property is missing.
      return compare(jsonOperand(sql`${JSON.stringify(context.event ?? {})}::jsonb #> ${condition.property.split('.')}::text[]`), condition, context);
    case 'attribute':
      return compare(attributeOperand(condition.field), condition, context);
    case 'tag': {
      const has = sql`${condition.tag}::text = ANY(c.tags)`;
      return condition.operator === 'has' ? has : sql`NOT ${has}`;
    }
    case 'event':
      return eventCondition(condition, context);
    case 'event_last': {
      const last = sql`(SELECT max(e.occurred_at) FROM event e WHERE e.contact_id = c.id AND e.workspace_id = ${context.workspaceId}::uuid AND e.name = ${condition.name}::text)`;
      if (condition.operator === 'never') return sql`${last} IS NULL`;
      const since = daysAgo(context, condition.days ?? 0);
      return condition.operator === 'within_last_days' ? sql`${last} >= ${since}` : sql`${last} < ${since}`;
    }
    case 'order':
      return compare(orderOperand(condition.measure, condition.withinDays, context), condition, context);
    case 'score':
      return compare(scoreOperand(condition.field), condition, context);
    case 'lifecycle_stage':
    case 'journey_stage': {
      const column = condition.type === 'lifecycle_stage' ? raw('c.lifecycle_stage') : raw('c.journey_stage');
      const member = sql`${column}::text = ANY(${condition.values}::text[])`;
      return condition.operator === 'in' ? member : sql`NOT ${member}`;
    }
    case 'loyalty': {
      const program = condition.programId ? sql`AND a.program_id = ${condition.programId}::uuid` : empty;
      const operand: Operand =
        condition.field === 'tier'
          ? { text: raw('t.name') }
          : { number: condition.field === 'tier_rank' ? raw('t.rank::numeric') : condition.field === 'points' ? raw('a.balance::numeric') : raw('a.lifetime_points::numeric') };
      // "not_*" and "not_exists" read as "no account satisfies the positive form".
      const negated = condition.operator === 'not_equals' || condition.operator === 'not_in' || condition.operator === 'not_contains' || condition.operator === 'not_exists';
      const positive: Comparison = negated ? { ...condition, operator: positiveOf(condition.operator) } : condition;
      const exists = sql`EXISTS (SELECT 1 FROM loyalty_account a LEFT JOIN loyalty_tier t ON t.id = a.tier_id
        WHERE a.contact_id = c.id AND a.workspace_id = ${context.workspaceId}::uuid ${program} AND COALESCE(${compare(operand, positive, context)}, false))`;
      return negated ? sql`NOT ${exists}` : exists;
    }
    case 'consent': {
      const messageType = condition.messageType ?? 'marketing';
      const row = sql`FROM consent k WHERE k.contact_id = c.id AND k.channel = ${condition.channel}::text::channel AND k.message_type = ${messageType}::text::message_type`;
      return condition.status === 'none' ? sql`NOT EXISTS (SELECT 1 ${row})` : sql`EXISTS (SELECT 1 ${row} AND k.status = ${condition.status}::text::consent_status)`;
    }
    case 'topic': {
      const receives = sql`EXISTS (SELECT 1 FROM subscription_topic t
        JOIN consent k ON k.contact_id = c.id AND k.channel = t.channel AND k.message_type = 'marketing' AND k.status = 'granted'
        LEFT JOIN topic_subscription s ON s.topic_id = t.id AND s.contact_id = c.id
        WHERE t.workspace_id = ${context.workspaceId}::uuid AND t.key = ${condition.topic}
          AND (s.status = 'granted' OR (s.id IS NULL AND t.default_subscribed)))`;
      return condition.subscribed ? receives : sql`NOT ${receives}`;
    }
    case 'segment': {
      const member = sql`EXISTS (SELECT 1 FROM segment_membership m WHERE m.segment_id = ${condition.segmentId}::uuid AND m.contact_id = c.id)`;
      return condition.operator === 'member' ? member : sql`NOT ${member}`;
    }
    case 'random_bucket':
      // md5 is the same on every Postgres (hashtext is not guaranteed to be): first 32 bits, mod 100.
      return sql`((('x' || substr(md5(${condition.seed ?? ''}::text || ':' || c.id::text), 1, 8))::bit(32)::bigint % 100) BETWEEN ${condition.from}::int AND ${condition.to}::int)`;
  }
}

function positiveOf(operator: Comparison['operator']): Comparison['operator'] {
  if (operator === 'not_equals') return 'equals';
  if (operator === 'not_in') return 'in';
  if (operator === 'not_contains') return 'contains';
  return 'exists';
}

const PROFILE_COLUMNS: Record<string, Operand> = {
  externalId: { text: raw('c.external_id') },
  email: { text: raw('c.email') },
  phone: { text: raw('c.phone') },
  firstName: { text: raw('c.first_name') },
  lastName: { text: raw('c.last_name') },
  company: { text: raw('c.company') },
  type: { text: raw('c.type::text') },
  source: { text: raw('c.source') },
  status: { text: raw('c.status::text') },
  timezone: { text: raw('c.timezone') },
  locale: { text: raw('c.locale') },
  preferredChannel: { text: raw('c.preferred_channel::text') },
  doNotContact: { boolean: raw('c.do_not_contact'), present: raw('true') },
  createdAt: { date: raw('c.created_at'), present: raw('true') },
  lastSeenAt: { date: raw('c.last_seen_at'), present: raw('c.last_seen_at IS NOT NULL') },
};

function attributeOperand(field: string): Operand {
  const profile = PROFILE_COLUMNS[field];
  if (profile) return profile;
  return jsonOperand(sql`c.attributes -> ${field.slice('attributes.'.length)}::text`);
}

/** A JSON value as every type: a number or date only when it parses as one. */
function jsonOperand(value: Prisma.Sql): Operand {
  const text = sql`(${value} #>> '{}')`;
  return {
    text,
    number: sql`(CASE WHEN jsonb_typeof(${value}) IN ('number', 'string') THEN crm_try_numeric(${text}) END)`,
    date: sql`(CASE WHEN jsonb_typeof(${value}) = 'string' THEN crm_try_timestamptz(${text}) END)`,
    boolean: sql`(CASE WHEN jsonb_typeof(${value}) = 'boolean' THEN (${text})::boolean END)`,
    present: sql`(${value} IS NOT NULL AND jsonb_typeof(${value}) <> 'null')`,
  };
}

function orderOperand(measure: 'total_spent' | 'order_count' | 'average_order_value' | 'days_since_last_order', withinDays: number | undefined, context: CompileContext): Operand {
  const window = withinDays === undefined ? empty : sql`AND o.placed_at >= ${daysAgo(context, withinDays)}`;
  const aggregate =
    measure === 'total_spent'
      ? raw('COALESCE(sum(o.amount), 0)')
      : measure === 'order_count'
        ? raw('count(*)::numeric')
        : measure === 'average_order_value'
          ? raw('avg(o.amount)')
          : sql`floor(extract(epoch FROM (${context.now}::timestamptz - max(o.placed_at))) / 86400)`;
  const value = sql`(SELECT ${aggregate} FROM "order" o WHERE o.contact_id = c.id AND o.workspace_id = ${context.workspaceId}::uuid
    AND o.status IN ('paid', 'fulfilled') AND o.currency = ${context.currency}::bpchar ${window})`;
  return { number: value, present: sql`${value} IS NOT NULL` };
}

const SCORE_COLUMNS: Record<ScoreField, { table: string; column: string }> = {
  'rfm.recency': { table: 'rfm_score', column: 'recency' },
  'rfm.frequency': { table: 'rfm_score', column: 'frequency' },
  'rfm.monetary': { table: 'rfm_score', column: 'monetary' },
  'rfm.segment': { table: 'rfm_score', column: 'segment_label' },
  'clv.historical': { table: 'clv_score', column: 'historical_value' },
  'clv.predicted': { table: 'clv_score', column: 'predicted_value' },
  'clv.probabilityAlive': { table: 'clv_score', column: 'probability_alive' },
  'clv.averageOrderValue': { table: 'clv_score', column: 'average_order_value' },
  'lead.score': { table: 'lead_score', column: 'score' },
  'lead.fit': { table: 'lead_score', column: 'fit_score' },
  'lead.behaviour': { table: 'lead_score', column: 'behaviour_score' },
  'lead.engagement': { table: 'lead_score', column: 'engagement_score' },
  'lead.qualification': { table: 'lead_score', column: 'qualification' },
  'churn_risk.probability': { table: 'churn_risk_score', column: 'probability' },
  'churn_risk.band': { table: 'churn_risk_score', column: 'band' },
  'rfm.daysSinceLast': { table: 'rfm_score', column: 'days_since_last' },
  'rfm.orderCount': { table: 'rfm_score', column: 'order_count' },
  'rfm.totalSpend': { table: 'rfm_score', column: 'total_spend' },
  'clv.profit': { table: 'clv_score', column: 'profit' },
  'engagement.score': { table: 'engagement_score', column: 'score' },
  'engagement.lastEngagedAt': { table: 'engagement_score', column: 'last_engaged_at' },
  'health.score': { table: 'health_score', column: 'score' },
  'health.level': { table: 'health_score', column: 'level' },
};

function scoreOperand(field: ScoreField): Operand {
  const { table, column } = SCORE_COLUMNS[field];
  const kind = scoreKind(field);
  const cast = kind === 'text' ? '::text' : kind === 'date' ? '::timestamptz' : '::numeric';
  const value = raw(`(SELECT s.${column}${cast} FROM ${table} s WHERE s.contact_id = c.id)`);
  if (kind === 'text') return { text: value };
  return kind === 'date' ? { date: value, present: sql`${value} IS NOT NULL` } : { number: value, present: sql`${value} IS NOT NULL` };
}

function eventCondition(condition: Extract<ConditionLeaf, { type: 'event' }>, context: CompileContext): Prisma.Sql {
  const window = condition.withinDays === undefined ? empty : sql`AND e.occurred_at >= ${daysAgo(context, condition.withinDays)}`;
  const filters = (condition.where ?? []).map((filter) => sql`AND COALESCE(${propertyFilter(filter, context)}, false)`);
  const from = sql`FROM event e WHERE e.contact_id = c.id AND e.workspace_id = ${context.workspaceId}::uuid AND e.name = ${condition.name}::text ${window} ${filters.length > 0 ? join(filters, ' ') : empty}`;
  const count = condition.count ?? { operator: 'gte', value: 1 };
  // "At least once" is an EXISTS: it stops at the first row instead of counting them all.
  if (count.operator === 'gte' && count.value === 1) return sql`EXISTS (SELECT 1 ${from})`;
  if (count.operator === 'equals' && count.value === 0) return sql`NOT EXISTS (SELECT 1 ${from})`;
  return sql`((SELECT count(*) ${from}) ${raw(COUNT_OPERATORS[count.operator])} ${count.value}::bigint)`;
}

const COUNT_OPERATORS = { gte: '>=', lte: '<=', equals: '=', gt: '>', lt: '<' } as const;

function propertyFilter(filter: PropertyFilter, context: CompileContext): Prisma.Sql {
  return compare(jsonOperand(sql`e.properties #> ${filter.property.split('.')}::text[]`), filter, context);
}

function daysAgo(context: CompileContext, days: number): Prisma.Sql {
  return sql`${new Date(context.now.getTime() - days * DAY_MS)}::timestamptz`;
}

function need<T>(value: T | undefined, what: string): T {
  // validateCriteria guarantees these; reaching here means criteria skipped validation.
  if (value === undefined) throw new Error(`segment criteria: missing ${what}`);
  return value;
}

/** One comparison over an operand, in SQL. Operators the operand has no form for compare as "no". */
function compare(operand: Operand, comparison: Comparison, context: CompileContext): Prisma.Sql {
  const present = operand.present ?? sql`${operand.text ?? raw('NULL')} IS NOT NULL`;
  const { operator, value } = comparison;
  const typed = (form: Prisma.Sql | undefined, build: (expression: Prisma.Sql) => Prisma.Sql): Prisma.Sql => (form ? build(form) : raw('false'));
  switch (operator) {
    case 'exists':
      return present;
    case 'not_exists':
      return sql`NOT ${present}`;
    case 'equals':
    case 'not_equals': {
      const equal =
        typeof value === 'number'
          ? typed(operand.number, (number) => sql`${number} = ${value}::numeric`)
          : typeof value === 'boolean'
            ? typed(operand.boolean, (boolean) => sql`${boolean} = ${value}::boolean`)
            : typed(operand.text, (text) => sql`${text} = ${need(value, 'value')}::text`);
      return operator === 'equals' ? equal : sql`NOT COALESCE(${equal}, false)`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return typed(operand.number, (number) => sql`${number} ${raw(COUNT_OPERATORS[operator])} ${need(value, 'value')}::numeric`);
    case 'between':
      return typed(operand.number, (number) => sql`${number} BETWEEN ${need(comparison.from, 'from')}::numeric AND ${need(comparison.to, 'to')}::numeric`);
    case 'contains':
    case 'not_contains': {
      const contains = typed(operand.text, (text) => sql`strpos(lower(${text}), lower(${String(need(value, 'value'))}::text)) > 0`);
      return operator === 'contains' ? contains : sql`NOT COALESCE(${contains}, false)`;
    }
    case 'starts_with':
      return typed(operand.text, (text) => sql`starts_with(lower(${text}), lower(${String(need(value, 'value'))}::text))`);
    case 'in':
    case 'not_in': {
      const values = need(comparison.values, 'values');
      const numbers = values.filter((entry): entry is number => typeof entry === 'number');
      const texts = values.map(String);
      const member =
        numbers.length === values.length && operand.number
          ? sql`${operand.number} = ANY(${numbers}::numeric[])`
          : typed(operand.text, (text) => sql`${text} = ANY(${texts}::text[])`);
      return operator === 'in' ? member : sql`NOT COALESCE(${member}, false)`;
    }
    case 'before':
      return typed(operand.date, (date) => sql`${date} < ${need(comparison.date, 'date')}::timestamptz`);
    case 'after':
      return typed(operand.date, (date) => sql`${date} > ${need(comparison.date, 'date')}::timestamptz`);
    case 'within_last_days':
      return typed(operand.date, (date) => sql`(${date} >= ${daysAgo(context, need(comparison.days, 'days'))} AND ${date} <= ${context.now}::timestamptz)`);
    case 'more_than_days_ago':
      return typed(operand.date, (date) => sql`${date} < ${daysAgo(context, need(comparison.days, 'days'))}`);
    case 'within_next_days':
      return typed(operand.date, (date) => sql`(${date} >= ${context.now}::timestamptz AND ${date} <= ${daysAgo(context, -need(comparison.days, 'days'))})`);
  }
}
