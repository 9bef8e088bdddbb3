import type { EntryRefusal, JourneyEntry, JourneyEvent } from '../../activities/journey/types';

/** An event received by signal, with the step at which it arrived. */
export interface PendingEvent {
  event: JourneyEvent;
  arrivedAtStep: number;
}

/** What continue-as-new carries into the next run of the same enrollment. */
export interface CarriedState {
  enrollmentId: string;
  cursor: string;
  step: number;
  visits: Record<string, number>;
  pendingEvents: PendingEvent[];
  seenMessageIds: string[];
  /** A wait in progress resumes with its original deadline. */
  activeWait?: { nodeId: string; startedAt: number; deadline: number | null };
  lastEvent?: JourneyEvent;
}

/** A run's input: the contact's entry, and on continue-as-new what the previous run carried. */
export interface JourneyRunInput extends JourneyEntry {
  /** Set only by continue-as-new. */
  carried?: CarriedState;
  /**
   * Continue-as-new once history reaches this many events, even before the server suggests
   * it (tests use a small number to exercise continue-as-new in seconds).
   */
  continueAsNewAtHistoryLength?: number;
}

export type JourneyRunResult =
  | { status: 'not_entered'; reason: EntryRefusal }
  | { status: 'completed' | 'exited' | 'failed' | 'cancelled'; enrollmentId: string; exitReason?: string; steps: number };
