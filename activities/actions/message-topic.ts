import type { ActionInputProblem } from '../../engine/journey/compile';

/**
 * A subscription topic is a marketing choice: a transactional message (a receipt, a delivery
 * update) must reach contacts whatever topics they left, so naming one there is a mistake
 * the compiler reports rather than a rule the send would quietly ignore.
 */
export function topicNeedsMarketing(input: { readonly messageType: 'marketing' | 'transactional'; readonly topic?: string | undefined }): ActionInputProblem[] {
  if (input.topic === undefined || input.messageType === 'marketing') return [];
  return [{ field: 'topic', message: 'A subscription topic applies to marketing messages only: remove the topic, or make the message marketing.' }];
}
