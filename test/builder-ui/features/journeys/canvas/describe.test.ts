import { describeNode } from '../../../../../builder-ui/src/features/journeys/canvas/describe';
import type { DraftNode } from '../../../../../engine/journey/schema';
import { builtInCatalog } from '../../../support/catalog';

// The canvas states a node's condition in words, whatever shape of the condition language it holds.

const catalog = builtInCatalog();
const position = { x: 0, y: 0 };

describe('a node’s condition in words', () => {
  it('says a branch’s first condition after "If"', () => {
    const node: DraftNode = {
      id: 'branch', kind: 'branch', position,
      config: {
        type: 'condition',
        branches: [{
          id: 'high', label: 'High value',
          condition: { all: [{ type: 'score', field: 'clv.predicted', operator: 'gt', value: 500 }, { any: [{ type: 'tag', operator: 'has', tag: 'vip' }, { type: 'segment', segmentId: '0b5c1f7e-2a35-4d8e-9d6a-6f4f0c2b9a11', operator: 'member' }] }] },
        }],
      },
    };
    expect(describeNode(node, catalog)).toBe('If Predicted CLV is greater than 500 and (has tag "vip" or in segment 0b5c1f7e-2a35-4d8e-9d6a-6f4f0c2b9a11)');
  });

  it('says a condition wait’s lone condition and its timeout', () => {
    const node: DraftNode = {
      id: 'wait', kind: 'wait', position,
      config: { type: 'condition', timeout: { amount: 3, unit: 'days' }, condition: { type: 'attribute', field: 'attributes.plan', operator: 'in', values: ['gold', 'platinum'] } },
    };
    expect(describeNode(node, catalog)).toBe('Wait up to 3 days until plan is one of "gold", "platinum"');
  });

  it('says an event property, a date window and a negation', () => {
    const node: DraftNode = {
      id: 'branch', kind: 'branch', position,
      config: {
        type: 'condition',
        branches: [{ id: 'yes', label: 'Yes', condition: { any: [{ type: 'property', property: 'total', operator: 'between', from: 10, to: 20 }, { not: { type: 'attribute', field: 'lastSeenAt', operator: 'within_last_days', days: 7 } }] } }],
      },
    };
    expect(describeNode(node, catalog)).toBe('If event total is between 10 and 20 or not (Last seen in the last 7 days)');
  });
});
