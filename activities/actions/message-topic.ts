import type { InputRule } from '../../engine/journey/catalog';

/**
 * A subscription topic is a marketing choice: a transactional message (a receipt, a delivery
 * update) must reach contacts whatever topics they left, so naming one there is a mistake
 * the compiler reports rather than a rule the send would quietly ignore.
 */
export const TOPIC_NEEDS_MARKETING: InputRule = {
  field: 'topic',
  message: 'A subscription topic applies to marketing messages only: remove the topic, or make the message marketing.',
  when: {
    all: [
      { type: 'property', property: 'topic', operator: 'exists' },
      { type: 'property', property: 'messageType', operator: 'equals', value: 'transactional' },
    ],
  },
};
