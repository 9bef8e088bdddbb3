import type { Comparison, ConditionLeaf, ScoreField } from './language';

/** The type of the value a condition compares; it decides which operators make sense. */
export type ValueKind = 'text' | 'number' | 'boolean' | 'date' | 'any';

const PROFILE_KINDS: Record<string, ValueKind> = {
  externalId: 'text', email: 'text', phone: 'text', firstName: 'text', lastName: 'text', company: 'text', type: 'text', source: 'text',
  status: 'text', timezone: 'text', locale: 'text', preferredChannel: 'text', doNotContact: 'boolean', createdAt: 'date', lastSeenAt: 'date',
};

const TEXT_SCORES: readonly ScoreField[] = ['rfm.segment', 'lead.qualification', 'churn_risk.band', 'health.level'];
const DATE_SCORES: readonly ScoreField[] = ['engagement.lastEngagedAt'];

export function scoreKind(field: ScoreField): 'text' | 'number' | 'date' {
  return TEXT_SCORES.includes(field) ? 'text' : DATE_SCORES.includes(field) ? 'date' : 'number';
}

/** A column of the contact's profile (`email`, `createdAt`), as `attribute` conditions name it. */
export function isProfileField(field: string): boolean {
  return Object.hasOwn(PROFILE_KINDS, field);
}

/** Custom attributes are free-form, so any comparison applies (a mismatched type compares as missing). */
export function attributeKind(field: string): ValueKind {
  return field.startsWith('attributes.') ? 'any' : (PROFILE_KINDS[field] ?? 'any');
}

/** The comparison inside a condition, with the kind of value it compares; undefined for conditions without one. */
export function comparedValue(condition: ConditionLeaf): { comparison: Comparison; kind: ValueKind } | undefined {
  switch (condition.type) {
    case 'attribute':
      return { comparison: condition, kind: attributeKind(condition.field) };
    case 'property':
      return { comparison: condition, kind: 'any' };
    case 'order':
      return { comparison: condition, kind: 'number' };
    case 'score':
      return { comparison: condition, kind: scoreKind(condition.field) };
    case 'loyalty':
      return { comparison: condition, kind: condition.field === 'tier' ? 'text' : 'number' };
    default:
      return undefined;
  }
}
