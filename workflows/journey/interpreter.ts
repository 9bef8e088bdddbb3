import {
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { EntryRefusal, FinishEnrollmentInput } from '../../activities/journey/types';
import { handleNode, type StepResult } from './handlers';
import { JourneyRun } from './run-state';
import { JOURNEY_SEARCH_ATTRIBUTES } from './search-attributes';
import { contactChangedSignal, journeyEventSignal, journeyStatusQuery } from './signals';
import type { JourneyRunInput, JourneyRunResult } from './types';

type Ending = Omit<FinishEnrollmentInput, 'workspaceId' | 'enrollmentId' | 'endedAt'>;

/**
 * Patch id: a run whose first step after its trigger is an action enters with that action's
 * activity (`enterAndRunAction`) instead of a local activity of its own before it. Decided once,
 * when the run starts.
 */
export const ENTRY_WITH_FIRST_ACTION = 'entry-with-first-action';

/** The trigger leads straight to an action: the entry can ride along with it. */
function firstStepIsAnAction(run: JourneyRun): boolean {
  const trigger = run.plan.nodes[run.plan.entryNodeId];
  if (trigger?.kind !== 'trigger') return false;
  const first = trigger.next.next;
  return typeof first === 'string' && run.plan.nodes[first]?.kind === 'action';
}

/**
 * The journey interpreter: one run per (journey, contact[, entry key]), executing the plan
 * of the version it started on. A cursor walks node ids; each kind has its own handler.
 *
 * Changing what this code does for an existing history breaks replay of running journeys:
 * put every behaviour change behind `patched('<change-id>')` and add a recorded history to
 * test/workflows/histories (see workflows/README.md).
 */
export async function journeyRun(input: JourneyRunInput): Promise<JourneyRunResult> {
  const run = new JourneyRun(input);
  setHandler(journeyEventSignal, (event) => run.receive(event));
  setHandler(contactChangedSignal, () => {
    run.contactChanged = true;
  });
  let result: JourneyRunResult | undefined;
  const ended = (value: JourneyRunResult): JourneyRunResult => (result = value);
  setHandler(journeyStatusQuery, () => ({
    nodeId: run.cursor,
    step: run.step,
    waiting: run.waiting,
    ...(run.enrollmentId && { enrollmentId: run.enrollmentId }),
    ...(result && { result }),
  }));

  if (!input.carried) {
    const info = workflowInfo();
    const entry = {
      workspaceId: input.workspaceId,
      journeyId: input.journeyId,
      journeyVersionId: input.journeyVersionId,
      contactId: input.contactId,
      workflowId: info.workflowId,
      runId: info.firstExecutionRunId,
      settings: run.plan.settings,
      now: Date.now(),
      ...(input.entryKey !== undefined && { entryKey: input.entryKey }),
      ...(input.entryEvent && { entryEvent: input.entryEvent }),
    };
    if (run.lean && firstStepIsAnAction(run) && patched(ENTRY_WITH_FIRST_ACTION)) {
      run.pendingEntry = entry;
    } else {
      const begun = await run.db.beginEnrollment(entry);
      if (!begun.entered) return ended({ status: 'not_entered', reason: begun.reason });
      run.enrollmentId = begun.enrollmentId;
    }
  }

  try {
    const ending = await walk(run);
    if (ending !== 'continue_as_new' && 'notEntered' in ending) return ended({ status: 'not_entered', reason: ending.notEntered });
    if (ending === 'continue_as_new') {
      // The next run carries the cursor, not the visits this one has not written yet.
      await run.writeVisits();
      await condition(allHandlersFinished);
      return await continueAsNew<typeof journeyRun>({ ...input, carried: run.carry() });
    }
    await finish(run, ending);
    return ended({ status: ending.status, enrollmentId: run.enrollmentId, steps: run.step, ...(ending.exitReason !== undefined && { exitReason: ending.exitReason }) });
  } catch (error) {
    if (isCancellation(error)) {
      // Cancelled from outside (erasure, an enrollment cancelled through the API): record it even though we are cancelled.
      await CancellationScope.nonCancellable(async () => {
        if ((await run.enter()) === undefined) await finish(run, { status: 'cancelled', exitReason: 'cancelled' });
      });
    }
    throw error;
  }
}

type WalkEnd = Ending | 'continue_as_new' | { notEntered: EntryRefusal };

async function walk(run: JourneyRun): Promise<WalkEnd> {
  while (run.cursor !== null) {
    // An entry waiting for the first action is made now if anything else comes first: another
    // kind of step, the run's end, or continue-as-new (which carries the enrollment).
    const upcoming = run.plan.nodes[run.cursor]?.kind;
    if (run.pendingEntry && (run.exit || run.mustContinueAsNew() || (upcoming !== 'trigger' && upcoming !== 'action'))) {
      const refusal = await run.enter();
      if (refusal) return { notEntered: refusal };
    }
    if (run.exit) return { status: 'exited', exitReason: run.exit.reason };
    const resuming = run.activeWait?.nodeId === run.cursor;
    if (!resuming && run.mustContinueAsNew()) return 'continue_as_new';
    if (!resuming) {
      await run.checkExitConditions();
      if (run.exit) continue;
    }

    const node = run.plan.nodes[run.cursor];
    if (!node) throw ApplicationFailure.nonRetryable(`the plan has no node "${run.cursor}"`, 'InvalidPlan');
    if (!resuming) {
      run.step += 1;
      run.nextVisit(node.id);
      run.forgetEventsBefore(run.step);
    }
    // Lean runs move the node attribute only where a run rests, at waits: each move is an event and
    // a visibility write on the server. Where a run is during an action (retried for up to a day
    // in an outage) the enrollment's current node says, written by the action's activity.
    if (!run.lean || node.kind === 'wait') upsertSearchAttributes([{ key: JOURNEY_SEARCH_ATTRIBUTES.nodeId, value: node.id }]);
    const enteredAt = run.activeWait?.nodeId === node.id ? run.activeWait.startedAt : Date.now();
    if ((node.kind === 'wait' || node.kind === 'action') && !resuming) await run.record(node, { status: 'entered', enteredAt });

    const result: StepResult = await handleNode(node, run, run.step);
    switch (result.type) {
      case 'suspend':
        return 'continue_as_new';
      case 'not_entered':
        return { notEntered: result.reason };
      case 'exit':
        // The exit criterion interrupted this node; the loop's first line ends the run.
        await run.record(node, { status: 'completed', enteredAt, outcome: run.exitReason() ?? 'exit_criteria' });
        break;
      case 'end':
        await run.record(node, { status: 'completed', enteredAt, outcome: 'completed' });
        return { status: 'completed', ...(result.reason !== undefined && { exitReason: result.reason }) };
      case 'next':
        await run.record(node, {
          status: result.status ?? 'completed',
          enteredAt,
          outcome: result.outcome,
          ...(result.error !== undefined && { error: result.error }),
        });
        run.cursor = node.next[result.handle] ?? null;
        break;
    }
  }
  const refusal = await run.enter();
  if (refusal) return { notEntered: refusal };
  // A path that simply ends (an unconnected output) completes the journey.
  const reason = run.exitReason();
  return reason ? { status: 'exited', exitReason: reason } : { status: 'completed' };
}

async function finish(run: JourneyRun, ending: Ending): Promise<void> {
  const visits = run.takeUnwrittenVisits();
  await run.db.finishEnrollment({
    workspaceId: run.input.workspaceId,
    enrollmentId: run.enrollmentId,
    endedAt: Date.now(),
    ...ending,
    ...(visits.length > 0 && { visits, journeyVersionId: run.input.journeyVersionId }),
  });
}
