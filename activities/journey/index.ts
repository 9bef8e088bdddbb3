import type { WorkerDeps } from '../worker-deps';
import { evaluateConditions } from './conditions';
import { beginEnrollment, finishEnrollment, recordNode } from './enrollment';
import { recordNodes } from './node-records';
import { enterAndRunAction, runAction } from './run-action';
import { msUntilTimeWindow, resolveUntilDate } from './timing';
import type {
  BeginEnrollmentInput,
  EnterAndRunActionInput,
  EvaluateConditionsInput,
  FinishEnrollmentInput,
  NodeRecord,
  RecordNodesInput,
  RunActionInput,
  TimeWindowInput,
  UntilDateInput,
} from './types';

/** The activities the journey interpreter workflow calls, bound to their dependencies. */
export function createJourneyActivities(deps: WorkerDeps) {
  const { prisma } = deps.db;
  return {
    beginEnrollment: (input: BeginEnrollmentInput) => beginEnrollment(prisma, input),
    recordNode: (record: NodeRecord) => recordNode(prisma, record),
    recordNodes: (input: RecordNodesInput) => recordNodes(prisma, input),
    finishEnrollment: (input: FinishEnrollmentInput) => finishEnrollment(prisma, input),
    evaluateConditions: (input: EvaluateConditionsInput) => evaluateConditions(prisma, input),
    resolveUntilDate: (input: UntilDateInput) => resolveUntilDate(prisma, input),
    msUntilTimeWindow: (input: TimeWindowInput) => msUntilTimeWindow(prisma, input),
    runAction: (input: RunActionInput) => runAction(deps, input),
    enterAndRunAction: (input: EnterAndRunActionInput) => enterAndRunAction(deps, input),
  };
}

export type JourneyActivities = ReturnType<typeof createJourneyActivities>;
export type * from './types';
