import type { JourneyEvent } from '../../../activities/journey/types';
import { matchesInHand } from '../../../engine/journey/conditions/evaluate';
import type { PlanNode, PlanWait } from '../../../engine/journey/schema';
import type { JourneyRun, WaitOutcome } from '../run-state';
import { next, type StepResult } from './step-result';

type WaitNode = Extract<PlanNode, { kind: 'wait' }>;

export async function handleWait(node: WaitNode, run: JourneyRun, step: number): Promise<StepResult> {
  const config = node.config;
  // A wait resumed after continue-as-new keeps its original start and deadline.
  const resumed = run.activeWait?.nodeId === node.id ? run.activeWait : undefined;
  const startedAt = resumed?.startedAt ?? Date.now();
  const deadline = resumed ? resumed.deadline : await deadlineOf(config, run, startedAt);
  run.activeWait = { nodeId: node.id, startedAt, deadline };

  switch (config.type) {
    case 'delay':
    case 'until_date':
    case 'time_window': {
      const outcome = await run.wait(deadline, () => false);
      return finish(run, outcome, () => next('next', deadline === null ? 'no_date' : 'elapsed'));
    }
    case 'event': {
      let received: JourneyEvent | undefined;
      const ready = (): boolean => {
        received ??= run.takeEvent(step, (event) => matchesEventWait(config, event, run.input.entryEvent));
        return received !== undefined;
      };
      const outcome = await run.wait(deadline, ready);
      if (received) run.lastEvent = received;
      return finish(run, outcome, () => next(outcome === 'done' ? 'received' : 'timeout'));
    }
    case 'condition': {
      const holds = async (): Promise<boolean> => {
        const [result] = await run.db.evaluateConditions({
          workspaceId: run.input.workspaceId,
          contactId: run.input.contactId,
          conditions: [config.condition],
          ...(run.input.entryEvent && { entryEvent: run.input.entryEvent }),
        });
        return result === true;
      };
      // Checked once now, then again whenever the contact's data changes: no polling.
      const metNow = await holds();
      const outcome = metNow ? 'done' : await run.wait(deadline, () => false, holds);
      return finish(run, outcome, () => next(outcome === 'done' ? 'met' : 'timeout'));
    }
  }
}

function finish(run: JourneyRun, outcome: WaitOutcome, completed: () => StepResult): StepResult {
  if (outcome === 'suspend') return { type: 'suspend' };
  run.activeWait = undefined;
  if (outcome === 'exit') return { type: 'exit' };
  return completed();
}

/** Epoch ms when the wait gives up (or ends, for pure delays); null: no date, move on now. */
async function deadlineOf(config: PlanWait, run: JourneyRun, now: number): Promise<number | null> {
  switch (config.type) {
    case 'delay':
      return now + config.ms;
    case 'event':
    case 'condition':
      return now + config.timeoutMs;
    case 'until_date': {
      if (config.at !== undefined) return Date.parse(config.at) + config.offsetMs;
      if (config.attribute === undefined) return null;
      const at = await run.db.resolveUntilDate({
        workspaceId: run.input.workspaceId,
        contactId: run.input.contactId,
        attribute: config.attribute,
        offsetMs: config.offsetMs,
      });
      return at === null ? now : at;
    }
    case 'time_window': {
      const ms = await run.db.msUntilTimeWindow({
        workspaceId: run.input.workspaceId,
        contactId: run.input.contactId,
        days: config.days,
        from: config.from,
        to: config.to,
        fallbackTimezone: config.fallbackTimezone,
        now,
      });
      return now + ms;
    }
  }
}

/** Name, property filter, and (when keyed) the same key value as the entry event, e.g. a cart id. */
export function matchesEventWait(config: Extract<PlanWait, { type: 'event' }>, event: JourneyEvent, entryEvent: JourneyEvent | undefined): boolean {
  if (event.name !== config.event) return false;
  // Workflow time (`new Date()` is deterministic in the sandbox) for relative dates.
  if (config.filter && !matchesInHand(config.filter, { properties: event.properties, now: new Date() })) return false;
  if (config.matchKey === undefined) return true;
  const expected = entryEvent?.properties[config.matchKey];
  return expected !== undefined && expected === event.properties[config.matchKey];
}
