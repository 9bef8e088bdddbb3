import { ALLOWED_OPERATORS, type ComparisonOperator } from '../../../../../engine/journey/conditions';

// The operators of the condition language in a marketer's words, and the argument each one
// needs (engine/journey/conditions/validate.ts checks the same pairing).

/** `…` stands for the number of days. */
export const OPERATOR_WORDS: Readonly<Record<ComparisonOperator, string>> = {
  equals: 'is', not_equals: 'is not', gt: 'is greater than', gte: 'is at least', lt: 'is less than', lte: 'is at most', between: 'is between',
  contains: 'contains', not_contains: 'does not contain', starts_with: 'starts with', in: 'is one of', not_in: 'is none of',
  exists: 'is set', not_exists: 'is not set', before: 'is before', after: 'is after',
  within_last_days: 'in the last … days', more_than_days_ago: 'more than … days ago', within_next_days: 'in the next … days',
};

/** What an operator compares with: one value, a list, a range, a date, a number of days, or nothing. */
export type Argument = 'value' | 'values' | 'range' | 'date' | 'days' | 'none';

export const ARGUMENT: Readonly<Record<ComparisonOperator, Argument>> = {
  equals: 'value', not_equals: 'value', gt: 'value', gte: 'value', lt: 'value', lte: 'value', between: 'range',
  contains: 'value', not_contains: 'value', starts_with: 'value', in: 'values', not_in: 'values', exists: 'none', not_exists: 'none',
  before: 'date', after: 'date', within_last_days: 'days', more_than_days_ago: 'days', within_next_days: 'days',
};

/** The operator `value` names, if it is one (every operator applies to a value of kind `any`). */
export const asOperator = (value: unknown): ComparisonOperator | undefined => ALLOWED_OPERATORS.any.find((operator) => operator === value);

/** Operators that compare numbers, and those that compare text, whatever the field's kind. */
export const NUMERIC_OPERATORS: readonly ComparisonOperator[] = ['gt', 'gte', 'lt', 'lte', 'between'];
export const TEXT_OPERATORS: readonly ComparisonOperator[] = ['contains', 'not_contains', 'starts_with'];
