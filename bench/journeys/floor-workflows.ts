// The floors of the journey benchmarks: hand-written workflows that call the engine's own
// activities the same number of times as the journey does for its real work, with none of the
// interpreter around them (no plan, no enrollment bookkeeping, no node records).
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { JourneyActivities, RunActionInput } from '../../activities/journey';
import type { Criteria } from '../../engine/journey/conditions/language';

const { runAction, evaluateConditions } = proxyActivities<Pick<JourneyActivities, 'runAction' | 'evaluateConditions'>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumAttempts: 5 },
});

export interface FloorInput {
  readonly workspaceId: string;
  readonly contactId: string;
  /** The floor's own journey and an enrollment row made before the clock starts (sends point at it). */
  readonly journeyId: string;
  readonly journeyVersionId: string;
  readonly enrollmentId: string;
}

const context = (input: FloorInput, nodeId: string): Omit<RunActionInput, 'actionId' | 'actionVersion' | 'input'> => ({
  workspaceId: input.workspaceId,
  journeyId: input.journeyId,
  journeyVersionId: input.journeyVersionId,
  contactId: input.contactId,
  enrollmentId: input.enrollmentId,
  nodeId,
  // Per enrollment, as the engine keys its steps: a second round sends again instead of finding the first in the ledger.
  idempotencyKey: `floor:${input.enrollmentId}:${nodeId}`,
  now: Date.now(),
  variables: {},
});

/** P1's floor: email, wait, the branch's condition, SMS, as the five-node journey does them. */
export async function floorFiveSteps(input: FloorInput & { email: Record<string, unknown>; sms: Record<string, unknown>; waitMs: number; condition: Criteria }): Promise<void> {
  await runAction({ ...context(input, 'email'), actionId: 'email', actionVersion: 1, input: input.email });
  await sleep(input.waitMs);
  const [vip] = await evaluateConditions({ workspaceId: input.workspaceId, contactId: input.contactId, conditions: [input.condition] });
  if (vip === true) await runAction({ ...context(input, 'sms'), actionId: 'sms', actionVersion: 1, input: input.sms });
}

/** P1b's floor: one activity, the same action the three-node journey runs. */
export async function floorOneAction(input: FloorInput & { actionId: string; action: Record<string, unknown> }): Promise<void> {
  await runAction({ ...context(input, 'action'), actionId: input.actionId, actionVersion: 1, input: input.action });
}
