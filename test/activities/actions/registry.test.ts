import { Type } from 'typebox';
import { ActionRegistry } from '../../../activities/actions/registry';
import type { ActionDefinition } from '../../../activities/actions/definition';
import { actionInputProblems } from '../../../engine/journey/catalog';

// A custom action's cross-field rules are conditions over its own settings, in the one
// condition language: checked when the action is registered, and applied to inputs.

const custom = (rules: ActionDefinition['rules']): ActionDefinition => ({
  id: 'loyalty-voucher',
  version: 1,
  label: 'Loyalty voucher',
  description: 'Issues a voucher',
  category: 'custom',
  input: Type.Object({ amount: Type.Optional(Type.Number()), percent: Type.Optional(Type.Number()) }),
  outputs: ['issued'],
  rules,
  run: async () => ({ outcome: 'issued' }),
});

describe('ActionRegistry rules', () => {
  it('applies a rule to the settings it is given', () => {
    const registry = new ActionRegistry([custom([{ field: 'amount', message: 'Give an amount or a percentage', when: { all: [{ type: 'property', property: 'amount', operator: 'not_exists' }, { type: 'property', property: 'percent', operator: 'not_exists' }] } }])]);
    const [entry] = registry.catalog();
    if (!entry) throw new Error('the action is in the catalog');
    expect(actionInputProblems(entry, {})).toEqual([{ field: 'amount', message: 'Give an amount or a percentage' }]);
    expect(actionInputProblems(entry, { percent: 10 })).toEqual([]);
  });

  it('refuses a rule whose condition reads the contact, naming the rule and the place', () => {
    expect(() => new ActionRegistry([custom([{ field: 'amount', message: 'VIPs only', when: { all: [{ type: 'tag', operator: 'has', tag: 'vip' }] } }])])).toThrow(
      /action loyalty-voucher@1: the rule on "amount" has an invalid condition: all\[0\]\.type: only properties can be tested here/,
    );
  });
});
