export { bucketOf, hash32, pickByPercent } from './bucket';
export { evaluateCondition, evaluateRule, lookup, type Facts } from './evaluate';
