import { CONDITION_FIELDS } from '../../../../../engine/journey/conditions';
import type { Comparison } from '../../../../../engine/journey/conditions/language';
import { comparisonOf, isRecord, list } from './model';
import { ARGUMENT, OPERATOR_WORDS } from './words';

// Any condition in words, for the canvas ("If Predicted CLV is greater than 500") and for the
// parts of a condition the builder's rows cannot edit. Reads unknown JSON, so it never throws.

const quoted = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : String(value));

export function comparisonText(comparison: Comparison): string {
  const words = OPERATOR_WORDS[comparison.operator];
  switch (ARGUMENT[comparison.operator]) {
    case 'value': return `${words} ${quoted(comparison.value ?? '…')}`;
    case 'values': return `${words} ${(comparison.values ?? []).map(quoted).join(', ') || '…'}`;
    case 'range': return `${words} ${comparison.from ?? '…'} and ${comparison.to ?? '…'}`;
    case 'date': return `${words} ${comparison.date ?? '…'}`;
    case 'days': return words.replace('…', String(comparison.days ?? '…'));
    case 'none': return words;
  }
}

/** `email` → "Email", `attributes.plan` → "plan", `clv.predicted` → "Predicted CLV". */
export function fieldLabel(field: string): string {
  return CONDITION_FIELDS.find((known) => known.field === field)?.label ?? field.replace(/^attributes\./, '');
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '…');
const days = (value: unknown): string => (typeof value === 'number' ? ` in the last ${value} days` : '');

function leafText(node: Record<string, unknown>): string {
  const comparison = comparisonOf(node);
  const compared = (subject: string) => `${subject} ${comparison ? comparisonText(comparison) : '…'}`;
  switch (node.type) {
    case 'attribute': case 'score': return compared(fieldLabel(text(node.field)));
    case 'property': return compared(`event ${text(node.property)}`);
    case 'loyalty': return compared(`loyalty ${text(node.field).replace('_', ' ')}`);
    case 'order': return `${compared(text(node.measure).replaceAll('_', ' '))}${days(node.withinDays)}`;
    case 'tag': return `${node.operator === 'has_not' ? "doesn't have" : 'has'} tag ${quoted(text(node.tag))}`;
    case 'lifecycle_stage': case 'journey_stage': {
      const values = list(node.values)?.map(String).join(', ') || '…';
      return `${text(node.type).replace('_', ' ')} is ${node.operator === 'not_in' ? 'none' : 'one'} of ${values}`;
    }
    case 'consent': return `${text(node.channel)}${typeof node.messageType === 'string' ? ` ${node.messageType}` : ''} consent is ${text(node.status)}`;
    case 'topic': return `${node.subscribed === false ? 'not subscribed' : 'subscribed'} to ${quoted(text(node.topic))}`;
    case 'segment': return `${node.operator === 'not_member' ? 'not in' : 'in'} segment ${text(node.segmentId)}`;
    case 'random_bucket': return `random bucket ${String(node.from)}–${String(node.to)}`;
    case 'event_last':
      return node.operator === 'never' ? `never performed ${quoted(text(node.name))}` : `last performed ${quoted(text(node.name))} ${node.operator === 'more_than_days_ago' ? `more than ${String(node.days)} days ago` : `in the last ${String(node.days)} days`}`;
    case 'event': {
      const count = isRecord(node.count) && typeof node.count.value === 'number' ? ` ${countWords(node.count.operator, node.count.value)}` : '';
      const where = list(node.where)?.length ? ` where ${(list(node.where) ?? []).map((filter) => (isRecord(filter) ? leafText({ ...filter, type: 'property' }).replace(/^event /, '') : '…')).join(' and ')}` : '';
      return `performed ${quoted(text(node.name))}${count}${days(node.withinDays)}${where}`;
    }
    default: return 'a condition this builder cannot show';
  }
}

function countWords(operator: unknown, value: number): string {
  const words: Readonly<Record<string, string>> = { gte: 'at least', lte: 'at most', gt: 'more than', lt: 'fewer than', equals: 'exactly' };
  return `${typeof operator === 'string' ? (words[operator] ?? operator) : ''} ${value} ${value === 1 ? 'time' : 'times'}`;
}

const isGroup = (node: unknown): boolean => isRecord(node) && (Array.isArray(node.all) || Array.isArray(node.any));

/** A condition tree in words; nested groups in brackets. */
export function criteriaText(node: unknown): string {
  if (!isRecord(node)) return '…';
  const group = (children: unknown, joiner: string) =>
    (list(children) ?? []).map((child) => (isGroup(child) ? `(${criteriaText(child)})` : criteriaText(child))).join(joiner);
  if ('all' in node) return group(node.all, ' and ');
  if ('any' in node) return group(node.any, ' or ');
  if ('not' in node) return `not (${criteriaText(node.not)})`;
  return leafText(node);
}
