import type { EntryRefusal } from '../../../activities/journey/types';

/** What a node handler tells the interpreter loop. */
export type StepResult =
  /** Follow output `handle`; `outcome` is what the node record shows. */
  | { type: 'next'; handle: string; outcome: string; status?: 'completed' | 'skipped' | 'failed'; error?: string }
  /** An exit node: the journey is complete. */
  | { type: 'end'; reason?: string }
  /** An exit criterion fired while the node waited. */
  | { type: 'exit' }
  /** Continue-as-new in the middle of a wait; the next run resumes the same wait. */
  | { type: 'suspend' }
  /** The entry that rode along with the first action was refused: the run ends without an enrollment. */
  | { type: 'not_entered'; reason: EntryRefusal };

export const next = (handle: string, outcome: string = handle): StepResult => ({ type: 'next', handle, outcome });
