import { condition, patched, workflowInfo } from '@temporalio/workflow';
import type { BeginEnrollmentInput, EntryRefusal, JourneyEvent, NodeVisit } from '../../activities/journey/types';
import { matchesInHand } from '../../engine/journey/conditions/evaluate';
import { upgradePlan } from '../../engine/journey/conditions/upgrade-journey';
import type { JourneyPlan, PlanNode } from '../../engine/journey/schema';
import { bookkeeping, localBookkeeping, type BookkeepingActivities } from './activity-proxies';
import type { CarriedState, JourneyRunInput, PendingEvent } from './types';

/**
 * Patch id of the lean interpreter: bookkeeping as local activities, node visits written in
 * batches, the node search attribute moved only where a run rests. Decided once per run.
 */
export const LEAN_BOOKKEEPING = 'lean-bookkeeping';

/** How many message ids a run remembers to ignore re-sent events. */
const SEEN_MESSAGE_IDS = 500;

export interface ExitRequest {
  reason: 'goal_reached' | 'exit_criteria';
}

export type WaitOutcome = 'done' | 'timeout' | 'exit' | 'suspend';

/**
 * The state of one enrollment and the operations every handler shares. Everything here is
 * plain data, so continue-as-new can carry it (`carry()`).
 */
export class JourneyRun {
  readonly plan: JourneyPlan;
  enrollmentId = '';
  cursor: string | null;
  step: number;
  exit: ExitRequest | undefined;
  contactChanged = false;
  waiting = false;
  activeWait: CarriedState['activeWait'];
  lastEvent: JourneyEvent | undefined;
  /** Runs begun on the lean interpreter (all new ones); replayed older runs keep their old steps. */
  readonly lean: boolean;
  /** Where this run's bookkeeping goes: local activities when lean, regular ones before. */
  readonly db: BookkeepingActivities;
  readonly #visits: Record<string, number>;
  #pending: PendingEvent[];
  readonly #seen: string[];
  /** Node visits not yet written (lean runs): written before the run rests, and when it ends. */
  #unwritten: NodeVisit[] = [];
  /**
   * The entry, while it waits to ride along with the run's first action (`ENTRY_WITH_FIRST_ACTION`).
   * Never carried: the run enters before anything that could continue it as new.
   */
  pendingEntry: BeginEnrollmentInput | undefined;

  constructor(readonly input: JourneyRunInput) {
    this.lean = patched(LEAN_BOOKKEEPING);
    this.db = this.lean ? localBookkeeping : bookkeeping;
    // Runs started before the one condition language carry a version 1 plan: same meaning, today's words.
    this.plan = upgradePlan(input.plan);
    const carried = input.carried;
    this.cursor = carried?.cursor ?? input.plan.entryNodeId;
    this.step = carried?.step ?? 0;
    this.#visits = { ...carried?.visits };
    this.#pending = [...(carried?.pendingEvents ?? [])];
    this.#seen = [...(carried?.seenMessageIds ?? (input.entryEvent ? [input.entryEvent.messageId] : []))];
    this.activeWait = carried?.activeWait;
    this.lastEvent = carried?.lastEvent;
    if (carried) this.enrollmentId = carried.enrollmentId;
  }

  /** Signal handler: de-duplicates by message id, applies event exit criteria, queues the rest. */
  receive(event: JourneyEvent): void {
    if (this.#seen.includes(event.messageId)) return;
    this.#seen.push(event.messageId);
    if (this.#seen.length > SEEN_MESSAGE_IDS) this.#seen.shift();
    for (const criterion of this.plan.settings.exitCriteria) {
      if (criterion.type !== 'event' || criterion.event !== event.name) continue;
      if (criterion.filter && !matchesInHand(criterion.filter, { properties: event.properties, now: new Date() })) continue;
      this.exit ??= { reason: criterion.goal ? 'goal_reached' : 'exit_criteria' };
    }
    this.#pending.push({ event, arrivedAtStep: this.step });
  }

  /** Removes and returns the first event that arrived since `sinceStep` and matches. */
  takeEvent(sinceStep: number, matches: (event: JourneyEvent) => boolean): JourneyEvent | undefined {
    const index = this.#pending.findIndex((pending) => pending.arrivedAtStep >= sinceStep && matches(pending.event));
    if (index < 0) return undefined;
    const [taken] = this.#pending.splice(index, 1);
    return taken?.event;
  }

  /** Events only count for waits entered before they arrived; older ones are dropped. */
  forgetEventsBefore(step: number): void {
    this.#pending = this.#pending.filter((pending) => pending.arrivedAtStep >= step);
  }

  /** A method, not a field read, so TypeScript does not narrow it away across awaits. */
  exitReason(): ExitRequest['reason'] | undefined {
    return this.exit?.reason;
  }

  nextVisit(nodeId: string): number {
    const visit = (this.#visits[nodeId] ?? 0) + 1;
    this.#visits[nodeId] = visit;
    return visit;
  }

  visitOf(nodeId: string): number {
    return this.#visits[nodeId] ?? 1;
  }

  /**
   * Records a node visit for per-node analytics (and moves the enrollment's current node). Lean
   * runs keep it until the next action carries it, `writeVisits` (before a wait) or the run's
   * end, so a node that passes in a moment costs no database write or round trip of its own.
   */
  async record(node: PlanNode, entry: { status: 'entered' | 'completed' | 'skipped' | 'failed'; enteredAt: number; outcome?: string; error?: string }): Promise<void> {
    const visit: NodeVisit = {
      nodeId: node.id,
      visit: this.visitOf(node.id),
      step: this.step,
      status: entry.status,
      enteredAt: entry.enteredAt,
      ...(entry.status !== 'entered' && { completedAt: Date.now() }),
      ...(entry.outcome !== undefined && { outcome: entry.outcome }),
      ...(entry.error !== undefined && { error: entry.error }),
    };
    if (this.lean) {
      this.#unwritten.push(visit);
      return;
    }
    await bookkeeping.recordNode({ workspaceId: this.input.workspaceId, enrollmentId: this.enrollmentId, journeyVersionId: this.input.journeyVersionId, ...visit });
  }

  /** Writes the visits recorded so far: before a wait, where the run may stay a while. */
  async writeVisits(): Promise<void> {
    if (this.#unwritten.length === 0) return;
    const visits = this.#unwritten;
    this.#unwritten = [];
    await this.db.recordNodes({ workspaceId: this.input.workspaceId, enrollmentId: this.enrollmentId, journeyVersionId: this.input.journeyVersionId, visits });
  }

  /** The visits not yet written, for the activity that writes them with its own work (an action, the run's end). */
  takeUnwrittenVisits(): NodeVisit[] {
    const visits = this.#unwritten;
    this.#unwritten = [];
    return visits;
  }

  /**
   * Enters now, with an activity of its own, if the entry is still waiting for the first action:
   * before any step other than that action, and before the run ends or is cancelled. Idempotent
   * (the activity finds its run's enrollment). The refusal, if the entry rules refused it.
   */
  async enter(): Promise<EntryRefusal | undefined> {
    const entry = this.pendingEntry;
    if (!entry) return undefined;
    const begun = await this.db.beginEnrollment(entry);
    this.pendingEntry = undefined;
    if (!begun.entered) return begun.reason;
    this.enrollmentId = begun.enrollmentId;
    return undefined;
  }

  /** The first action's activity entered the contact. */
  enteredWith(enrollmentId: string): void {
    this.pendingEntry = undefined;
    this.enrollmentId = enrollmentId;
  }

  /** Condition exit criteria need the contact's data: checked between nodes and on change. */
  async checkExitConditions(): Promise<void> {
    const criteria = this.plan.settings.exitCriteria.flatMap((criterion) => (criterion.type === 'condition' ? [criterion] : []));
    if (criteria.length === 0 || this.exit) return;
    const results = await this.db.evaluateConditions({
      workspaceId: this.input.workspaceId,
      contactId: this.input.contactId,
      conditions: criteria.map((criterion) => criterion.condition),
      ...(this.input.entryEvent && { entryEvent: this.input.entryEvent }),
    });
    const hit = criteria.find((_, index) => results[index] === true);
    if (hit) this.exit = { reason: hit.goal ? 'goal_reached' : 'exit_criteria' };
  }

  /**
   * Blocks until `ready()` holds, the deadline passes, an exit criterion fires, or the
   * server suggests continue-as-new. `recheck` runs when the contact's data changed.
   */
  async wait(deadline: number | null, ready: () => boolean, recheck?: () => Promise<boolean>): Promise<WaitOutcome> {
    this.waiting = true;
    try {
      for (;;) {
        if (this.exit) return 'exit';
        if (ready()) return 'done';
        if (this.contactChanged) {
          this.contactChanged = false;
          await this.checkExitConditions();
          if (this.exit) return 'exit';
          if (recheck && (await recheck())) return 'done';
          continue;
        }
        if (this.mustContinueAsNew()) return 'suspend';
        const wake = (): boolean => this.exit !== undefined || this.contactChanged || ready() || this.mustContinueAsNew();
        if (deadline !== null && deadline - Date.now() <= 0) return 'timeout';
        // The run rests here: what it did until now becomes visible first.
        await this.writeVisits();
        if (deadline === null) {
          await condition(wake);
          continue;
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) return 'timeout';
        await condition(wake, remaining);
      }
    } finally {
      this.waiting = false;
    }
  }

  mustContinueAsNew(): boolean {
    const info = workflowInfo();
    const limit = this.input.continueAsNewAtHistoryLength;
    return info.continueAsNewSuggested || (limit !== undefined && info.historyLength >= limit);
  }

  carry(): CarriedState {
    if (this.cursor === null) throw new Error('a finished run has nothing to carry');
    if (this.pendingEntry) throw new Error('a run continues as new only after it entered');
    return {
      enrollmentId: this.enrollmentId,
      cursor: this.cursor,
      step: this.step,
      visits: { ...this.#visits },
      pendingEvents: [...this.#pending],
      seenMessageIds: [...this.#seen],
      ...(this.activeWait && { activeWait: this.activeWait }),
      ...(this.lastEvent && { lastEvent: this.lastEvent }),
    };
  }
}
