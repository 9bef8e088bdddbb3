import type { Condition, JourneyPlan } from '../../engine/journey/schema';

// Inputs and results of the journey activities. The interpreter workflow imports these as
// types only; every value crossing this boundary is plain JSON (it lands in workflow history).

/** An event as journeys see it: what `track` ingested, reduced to what conditions may read. */
export interface JourneyEvent {
  name: string;
  /** The sender's id; the workflow ignores a message id it has already seen. */
  messageId: string;
  occurredAt: string;
  properties: Record<string, unknown>;
}

/** Who the run is for, and which published version it runs. */
export interface RunIdentity {
  workspaceId: string;
  journeyId: string;
  journeyVersionId: string;
  contactId: string;
}

/**
 * A contact entering a journey: what starts its run (the interpreter's input is this plus what
 * continue-as-new carries). Kept with the run's other boundary types, not with the engine code
 * that starts runs, because the bulk enrollment activities hand it to the engine's injected
 * `JourneyEnroller`: declared there, it tied activities to the engine's Temporal client code.
 */
export interface JourneyEntry extends RunIdentity {
  version: number;
  /** The published version's compiled plan: running contacts keep it whatever is published later. */
  plan: JourneyPlan;
  /** The event that triggered entry; absent for manual, segment and scheduled entries. */
  entryEvent?: JourneyEvent;
  entryKey?: string;
}

export interface BeginEnrollmentInput extends RunIdentity {
  workflowId: string;
  /** The first run id of the continue-as-new chain. */
  runId: string;
  entryKey?: string;
  settings: JourneyPlan['settings'];
  entryEvent?: JourneyEvent;
  /** Workflow time, so time-skipping tests and cooldowns agree. */
  now: number;
}

/** Why a run did not enter; `journey_not_active`: the journey is paused, archived or still a draft. */
export type EntryRefusal = 'journey_not_active' | 'already_entered' | 'already_active' | 'cooldown' | 'entry_limit' | 'entry_filter' | 'contact_not_found';

export type BeginEnrollmentResult = { entered: true; enrollmentId: string } | { entered: false; reason: EntryRefusal };

export interface NodeRecord {
  workspaceId: string;
  enrollmentId: string;
  journeyVersionId: string;
  nodeId: string;
  visit: number;
  step: number;
  status: 'entered' | 'completed' | 'skipped' | 'failed';
  outcome?: string;
  error?: string;
  enteredAt: number;
  completedAt?: number;
}

/** One visit of one node, as the interpreter batches them (see `RecordNodesInput`). */
export type NodeVisit = Omit<NodeRecord, 'workspaceId' | 'enrollmentId' | 'journeyVersionId'>;

/** A run's node visits since the last write, written together (and with the enrollment's current node). */
export interface RecordNodesInput {
  workspaceId: string;
  enrollmentId: string;
  journeyVersionId: string;
  visits: NodeVisit[];
}

export interface FinishEnrollmentInput {
  workspaceId: string;
  enrollmentId: string;
  status: 'completed' | 'exited' | 'failed' | 'cancelled';
  exitReason?: string;
  endedAt: number;
  /** Runs that batch their node visits hand the last ones over here, written in the same statement. */
  visits?: NodeVisit[];
  journeyVersionId?: string;
}

export interface EvaluateConditionsInput {
  workspaceId: string;
  contactId: string;
  conditions: Condition[];
  entryEvent?: JourneyEvent;
}

export interface UntilDateInput {
  workspaceId: string;
  contactId: string;
  /** A contact field path such as `contact.attributes.renewalDate`. */
  attribute: string;
  offsetMs: number;
}

export interface TimeWindowInput {
  workspaceId: string;
  contactId: string;
  days: string[];
  from: string;
  to: string;
  fallbackTimezone: string;
  now: number;
}

export interface RunActionInput extends RunIdentity {
  enrollmentId: string;
  nodeId: string;
  idempotencyKey: string;
  actionId: string;
  actionVersion: number;
  input: Record<string, unknown>;
  variables: Record<string, unknown>;
  /** Workflow time when the step ran. */
  now: number;
  /**
   * Lean runs hand over the node visits they have not written yet (the action's own `entered`
   * among them): written beside the action (not before it, so they never delay a message), by
   * the activity that runs anyway, so the run needs no round trip of its own for them.
   */
  visits?: NodeVisit[];
}

export type RunActionResult = { outcome: string; detail?: string } | { deferUntil: number; detail?: string };

/**
 * A run's first action with its entry: the enrollment is begun (the entry rules applied, as
 * `beginEnrollment` does) in the same activity, right before the action, so a run whose first
 * step is an action needs no activity of its own to enter. The action's enrollment and
 * idempotency key come from the entry.
 */
export interface EnterAndRunActionInput extends Omit<RunActionInput, 'enrollmentId' | 'idempotencyKey'> {
  entry: BeginEnrollmentInput;
  /** The action's step: its idempotency key is (enrollment, node, step). */
  step: number;
}

export type EnterAndRunActionResult = { entered: false; reason: EntryRefusal } | { entered: true; enrollmentId: string; result: RunActionResult };
