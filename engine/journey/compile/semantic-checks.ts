import type { DraftNode, JourneyDraft, TriggerConfig } from '../schema';
import { actionInputProblems, findAction, type ActionCatalog } from '../catalog';
import { MAX_DURATION_MS, toMilliseconds } from './durations';
import type { IssueList } from './issues';

const RESERVED_OUTPUTS = new Set(['next', 'else', 'holdout', 'received', 'timeout', 'met']);

/** Checks inside single nodes and settings that the JSON schema cannot express. */
export function checkNodes(draft: JourneyDraft, catalog: ActionCatalog, issues: IssueList): void {
  if (draft.settings.reentry.mode === 'after_cooldown') checkDuration(toMilliseconds(draft.settings.reentry.cooldown), issues, undefined, 'settings.reentry.cooldown');
  for (const node of draft.nodes) {
    if (node.kind === 'wait') checkWait(node, issues);
    if (node.kind === 'branch') checkBranch(node, issues);
    if (node.kind === 'action') checkAction(node, catalog, issues);
    if (node.kind === 'trigger' && node.config.type === 'schedule') checkTimeZone(node.config.timezone, node.id, 'config.timezone', issues);
    if (node.kind === 'trigger' && node.config.type === 'consent_changed') checkConsentTrigger(node.id, node.config, issues);
  }
}

function checkDuration(ms: number, issues: IssueList, nodeId: string | undefined, field: string): void {
  if (ms > MAX_DURATION_MS) {
    issues.add({ code: 'duration_out_of_range', message: `${field} is longer than the two-year maximum.`, nodeId, field });
  }
}

function checkWait(node: Extract<DraftNode, { kind: 'wait' }>, issues: IssueList): void {
  const config = node.config;
  switch (config.type) {
    case 'delay':
      return checkDuration(toMilliseconds(config.duration), issues, node.id, 'config.duration');
    case 'event':
    case 'condition':
      return checkDuration(toMilliseconds(config.timeout), issues, node.id, 'config.timeout');
    case 'until_date':
      if ((config.at === undefined) === (config.attribute === undefined)) {
        issues.add({ code: 'invalid_wait', message: 'Wait until a date needs either a fixed date (at) or a date attribute, not both.', nodeId: node.id, field: 'config.at' });
      }
      return;
    case 'time_window':
      if (config.from === config.to) issues.add({ code: 'invalid_wait', message: 'The time window opens and closes at the same time.', nodeId: node.id, field: 'config.to' });
      return checkTimeZone(config.fallbackTimezone, node.id, 'config.fallbackTimezone', issues);
  }
}

function checkBranch(node: Extract<DraftNode, { kind: 'branch' }>, issues: IssueList): void {
  const config = node.config;
  const outputs =
    config.type === 'condition' ? config.branches : config.type === 'random' ? config.paths : config.variants;
  const seen = new Set<string>();
  outputs.forEach((output, index) => {
    const field = `config.${config.type === 'condition' ? 'branches' : config.type === 'random' ? 'paths' : 'variants'}.${index}.id`;
    if (seen.has(output.id) || RESERVED_OUTPUTS.has(output.id)) {
      issues.add({ code: 'duplicate_output_id', message: `Output id "${output.id}" is used twice or is reserved.`, nodeId: node.id, field });
    }
    seen.add(output.id);
  });
  if (config.type === 'random' || config.type === 'ab_test') {
    const shares = config.type === 'random' ? config.paths : config.variants;
    const total = shares.reduce((sum, share) => sum + share.percent, 0) + (config.type === 'ab_test' ? (config.holdoutPercent ?? 0) : 0);
    if (Math.abs(total - 100) > 1e-9) {
      issues.add({ code: 'percentages_do_not_sum', message: `The split adds up to ${total}%, not 100%.`, nodeId: node.id, field: config.type === 'random' ? 'config.paths' : 'config.variants' });
    }
  }
}

function checkAction(node: Extract<DraftNode, { kind: 'action' }>, catalog: ActionCatalog, issues: IssueList): void {
  const { actionId, actionVersion, input } = node.config;
  const action = findAction(catalog, actionId, actionVersion);
  if (!action) {
    issues.add({ code: 'unknown_action', message: `There is no action "${actionId}" version ${actionVersion}.`, nodeId: node.id, field: 'config.actionId' });
    return;
  }
  for (const problem of actionInputProblems(action, input)) {
    issues.add({ code: 'invalid_action_input', message: problem.message, nodeId: node.id, field: problem.field ? `config.input.${problem.field}` : 'config.input' });
  }
}

/** Topic choices are marketing choices, granted or withdrawn: a trigger asking otherwise would never start. */
function checkConsentTrigger(nodeId: string, config: Extract<TriggerConfig, { type: 'consent_changed' }>, issues: IssueList): void {
  if (config.topic === undefined) return;
  if (config.purpose === 'transactional') {
    issues.add({ code: 'invalid_trigger', message: 'A subscription topic is a marketing choice: remove the purpose, or the topic to follow transactional consent.', nodeId, field: 'config.purpose' });
  }
  if (config.to === 'pending') {
    issues.add({ code: 'invalid_trigger', message: 'A topic choice is granted or withdrawn, never pending (only double opt-in for email marketing is).', nodeId, field: 'config.to' });
  }
}

function checkTimeZone(zone: string, nodeId: string, field: string, issues: IssueList): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    issues.add({ code: 'invalid_time_zone', message: `"${zone}" is not a time zone name such as Europe/Paris.`, nodeId, field });
  }
}
