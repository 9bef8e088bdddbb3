/** Why a draft cannot be compiled. Codes are stable (the canvas keys help text on them). */
export type CompileIssueCode =
  | 'invalid_journey'
  | 'invalid_node'
  | 'invalid_condition'
  | 'duplicate_node_id'
  | 'missing_trigger'
  | 'multiple_triggers'
  | 'duplicate_edge_id'
  | 'dangling_edge'
  | 'edge_into_trigger'
  | 'unknown_output'
  | 'duplicate_edge'
  | 'duplicate_output_id'
  | 'percentages_do_not_sum'
  | 'invalid_time_zone'
  | 'invalid_trigger'
  | 'invalid_wait'
  | 'duration_out_of_range'
  | 'unknown_action'
  | 'invalid_action_input'
  | 'cycle_without_wait';

export interface CompileIssue {
  readonly code: CompileIssueCode;
  /** One sentence a marketer can act on. */
  readonly message: string;
  readonly nodeId?: string;
  readonly edgeId?: string;
  /** Dotted path inside the node (`config.duration.amount`) or the journey (`settings.reentry`). */
  readonly field?: string;
}

export class IssueList {
  readonly items: CompileIssue[] = [];
  add(issue: CompileIssue): void {
    this.items.push(issue);
  }
  get empty(): boolean {
    return this.items.length === 0;
  }
}

/** TypeBox instance paths (`/config/duration/amount`) as the dotted fields issues carry. */
export const pointerToField = (pointer: string, prefix = ''): string => {
  const path = pointer.split('/').filter(Boolean).join('.');
  return prefix && path ? `${prefix}.${path}` : prefix || path;
};
