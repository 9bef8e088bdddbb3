import type { PlanNode } from '../../../engine/journey/schema';
import type { JourneyRun } from '../run-state';
import { handleAction } from './action';
import { handleBranch } from './branch';
import { handleExit } from './exit';
import type { StepResult } from './step-result';
import { handleTrigger } from './trigger';
import { handleWait } from './wait';

export type { StepResult } from './step-result';

/** One small handler per node kind; the switch is exhaustive, so a new kind fails to compile here. */
export function handleNode(node: PlanNode, run: JourneyRun, step: number): Promise<StepResult> {
  switch (node.kind) {
    case 'trigger':
      return handleTrigger(node);
    case 'wait':
      return handleWait(node, run, step);
    case 'branch':
      return handleBranch(node, run);
    case 'action':
      return handleAction(node, run, step);
    case 'exit':
      return handleExit(node);
    default:
      return assertNever(node);
  }
}

function assertNever(node: never): never {
  throw new Error(`unknown node kind in ${JSON.stringify(node)}`);
}
