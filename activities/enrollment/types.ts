import type { JourneyEntry } from '../journey/types';

// What crosses the boundary between the bulk enrollment workflow and its activities: plain
// JSON (ids, ISO dates), so it survives Temporal's payload conversion and history replay.

/**
 * Who a bulk enrollment enters: the members of a segment; every contact of the workspace that
 * is not do-not-contact (a `schedule` trigger without an audience of its own); or the contacts
 * whose date attribute falls due (a `date_attribute` trigger).
 */
export type Audience =
  | { kind: 'segment'; segmentId: string }
  | { kind: 'workspace' }
  | { kind: 'date_due'; attribute: string; offsetDays: number; recurrence: 'yearly' | 'once'; at: string; now?: string };

/**
 * A schedule's firing enters contacts under a key of its own, so a recurring trigger enrolls
 * again each time (the journey's re-entry rules still judge); a date trigger's key is the
 * contact's due date (`date:YYYY-MM-DD`), so each anniversary enrolls once however often the
 * fan-out runs that day.
 */
export const dateEntryKeyPrefix = 'date:';

/** Starts a contact's run; injected by the engine, so activities import no Temporal client. */
export interface JourneyEnroller {
  /** No entry event, so an existing run of the contact is kept; `refused` when Temporal refuses the start for good. */
  enter(entry: JourneyEntry): Promise<'started' | 'refused'>;
}

export interface PrepareBulkInput {
  workspaceId: string;
  journeyId: string;
  audience: Audience;
  trigger: string;
  entryKey?: string;
  ratePerSecond: number;
  workflowId: string;
  /** Set when the API created the progress row before starting the workflow. */
  runId?: string;
}

export interface PreparedBulk {
  runId: string;
  totalContacts: number;
  /** When the run began (ISO): enrollments since then are this run's own, found again on a redone page. */
  startedAt: string;
}

export interface EnrollPageInput {
  workspaceId: string;
  journeyId: string;
  runId: string;
  audience: Audience;
  entryKey?: string;
  startedAt: string;
  after: string | null;
  limit: number;
}

export interface BulkTotals {
  enrolled: number;
  skipped: number;
  failed: number;
}

export interface EnrollPageResult extends BulkTotals {
  /** Contacts in this page; fewer than the limit means the audience is through. */
  count: number;
  cursor: string | null;
  /** Set when the journey no longer takes entrants (paused, archived, never published). */
  stopped?: string;
}

export interface FinishBulkInput {
  runId: string;
  status: 'completed' | 'failed' | 'cancelled';
  error?: string;
  now: string;
}
