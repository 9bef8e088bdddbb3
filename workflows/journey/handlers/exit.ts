import type { PlanNode } from '../../../engine/journey/schema';
import type { StepResult } from './step-result';

export async function handleExit(node: Extract<PlanNode, { kind: 'exit' }>): Promise<StepResult> {
  return node.config.reason === undefined ? { type: 'end' } : { type: 'end', reason: node.config.reason };
}
