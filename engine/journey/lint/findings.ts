import type { ActionCatalog } from '../catalog';

export type LintCode =
  | 'unreachable_node'
  | 'never_true_condition'
  | 'shadowed_branch'
  | 'overlapping_branches'
  | 'unknown_event'
  | 'message_count'
  | 'unbounded_messages'
  | 'template_syntax'
  | 'unknown_variable'
  | 'unprotected_marketing_message';

/** A warning (or an informational note) the canvas shows on a node before publishing. */
export interface LintFinding {
  code: LintCode;
  severity: 'warning' | 'info';
  message: string;
  nodeId?: string;
  field?: string;
}

export interface LintReport {
  findings: LintFinding[];
  /** The most messages one contact can receive along any path, per channel. */
  maxMessagesPerChannel: Record<string, number | 'unbounded'>;
}

export interface LintContext {
  catalog: ActionCatalog;
  /** Event names ever seen in the workspace; without it the event-name check is skipped. */
  knownEventNames?: ReadonlySet<string>;
  /** Contact fields templates may use; `contact.attributes.*` is always allowed. */
  contactFields?: ReadonlySet<string>;
  /** The workspace's sending policy. */
  policy?: { requireQuietHours: boolean; requireFrequencyCap: boolean };
}
