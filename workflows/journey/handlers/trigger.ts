import type { PlanNode } from '../../../engine/journey/schema';
import { next, type StepResult } from './step-result';

/** The entry node: entry rules were applied when the enrollment began; carry on. */
export async function handleTrigger(node: Extract<PlanNode, { kind: 'trigger' }>): Promise<StepResult> {
  return next('next', node.config.type);
}
