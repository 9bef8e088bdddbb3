import { RetryState } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure, condition, patched } from '@temporalio/workflow';
import type { RunActionResult } from '../../../activities/journey/types';
import type { PlanNode } from '../../../engine/journey/schema';
import { actionActivities } from '../activity-proxies';
import { stepIdempotencyKey } from '../ids';
import type { JourneyRun } from '../run-state';
import type { StepResult } from './step-result';

type ActionNode = Extract<PlanNode, { kind: 'action' }>;

/** Patch id of the first interpreter change: actions may ask to run again later (quiet hours). */
export const QUIET_HOURS_DEFERRAL = 'quiet-hours-deferral';
/** A deferral lands in an allowed hour; more than a few in a row means something is off. */
const MAX_DEFERRALS = 3;

/**
 * Calls the action through the one generic activity. The outcome picks the output with that
 * name when the node has one (e.g. `failed`), else `next`. A permanent failure, or retries
 * running out, is the `failed` outcome: the journey goes on rather than stalling forever.
 * An action may defer itself (quiet hours): the contact waits here, exit criteria still
 * apply, and the step runs again with the same idempotency key.
 */
export async function handleAction(node: ActionNode, run: JourneyRun, step: number): Promise<StepResult> {
  const { actionId, actionVersion, input } = node.config;
  // An outcome with its own connected output goes there; any other carries on along `next`.
  const handleFor = (outcome: string): string => (typeof node.next[outcome] === 'string' ? outcome : 'next');
  try {
    for (let deferrals = 0; ; deferrals += 1) {
      // The activity writes the run's unwritten visits (this node's `entered` among them) as it
      // acts: an action may take a while (a provider outage is retried for a day), and the run shows here.
      const visits = run.takeUnwrittenVisits();
      const request = {
        workspaceId: run.input.workspaceId,
        journeyId: run.input.journeyId,
        journeyVersionId: run.input.journeyVersionId,
        contactId: run.input.contactId,
        nodeId: node.id,
        actionId,
        actionVersion,
        input,
        now: Date.now(),
        variables: {
          ...(run.input.entryEvent && { event: run.input.entryEvent }),
          ...(run.lastEvent && { lastEvent: run.lastEvent }),
          journey: { id: run.input.journeyId, name: run.plan.name, version: run.input.version },
        },
        ...(visits.length > 0 && { visits }),
      };
      let result: RunActionResult;
      if (run.pendingEntry) {
        // The run's first action: it enters the contact too (ENTRY_WITH_FIRST_ACTION).
        const entered = await actionActivities.enterAndRunAction({ ...request, entry: run.pendingEntry, step });
        if (!entered.entered) return { type: 'not_entered', reason: entered.reason };
        run.enteredWith(entered.enrollmentId);
        result = entered.result;
      } else {
        result = await actionActivities.runAction({ ...request, enrollmentId: run.enrollmentId, idempotencyKey: stepIdempotencyKey(run.enrollmentId, node.id, step) });
      }
      if ('outcome' in result) return actionOutcome(result.outcome, result.detail, handleFor);
      if (!patched(QUIET_HOURS_DEFERRAL) || deferrals >= MAX_DEFERRALS) {
        return { type: 'next', handle: handleFor('skipped'), outcome: 'skipped', status: 'skipped', error: result.detail ?? 'deferred too often' };
      }
      const exited = await condition(() => run.exit !== undefined, Math.max(1, result.deferUntil - Date.now()));
      if (exited) return { type: 'exit' };
    }
  } catch (error) {
    if (!isPermanent(error)) throw error;
    // The first action failed for good: the entry committed before it (or never did), and is
    // looked up (or made) now, so the failure is recorded on the enrollment like any other.
    const refusal = await run.enter();
    if (refusal) return { type: 'not_entered', reason: refusal };
    const cause = error.cause instanceof Error ? error.cause.message : error.message;
    return { type: 'next', handle: handleFor('failed'), outcome: 'failed', status: 'failed', error: cause };
  }
}

/**
 * A `skipped` outcome (a send refused for consent, suppression, a frequency cap) is recorded
 * as a skipped visit with its reason, so the node's statistics count it as skipped and say
 * why; any other outcome is a completed visit.
 */
function actionOutcome(outcome: string, detail: string | undefined, handleFor: (outcome: string) => string): StepResult {
  const step: StepResult = { type: 'next', handle: handleFor(outcome), outcome };
  if (outcome !== 'skipped') return step;
  return { ...step, status: 'skipped', ...(detail !== undefined && { error: detail }) };
}

function isPermanent(error: unknown): error is ActivityFailure {
  if (!(error instanceof ActivityFailure)) return false;
  if (error.retryState === RetryState.MAXIMUM_ATTEMPTS_REACHED || error.retryState === RetryState.NON_RETRYABLE_FAILURE) return true;
  return error.cause instanceof ApplicationFailure && error.cause.nonRetryable === true;
}
