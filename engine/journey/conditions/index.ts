export { bucketOf, hash32, pickByPercent } from './bucket';
export { compareJson, lookup, matchesInHand, type InHand } from './evaluate';
export { CONDITION_FIELDS, type ConditionField } from './fields';
export { attributeKind, scoreKind, type ValueKind } from './value-kinds';
export { ALLOWED_OPERATORS } from './validate';
export { currentCondition, isLegacyCondition, LegacyConditionError, upgradeCondition, type LegacyCondition } from './legacy';
export type { ComparisonOperator, ConditionLeaf, Criteria, PropertyCondition, ScoreField } from './language';
export { validateCriteria, type ConditionScope, type CriteriaIssue, type CriteriaValidation } from './validate';
