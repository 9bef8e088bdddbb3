export { bucketOf, hash32, pickByPercent } from './bucket';
export { evaluateCondition, evaluateRule, lookup, type Facts } from './evaluate';
export { CONDITION_FIELDS, type ConditionField, type ConditionFieldType } from './fields';
