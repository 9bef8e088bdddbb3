import type { CrmChange, ScoreModelName } from '../changes/topics';

/** A contact whose score moved, as the statements return it (from = null: no previous row; to = null: row removed). */
export interface ScoreChangeRow {
  readonly contact_id: string;
  readonly from_value: number | null;
  readonly to_value: number | null;
}

/** `score.changed` events for rows whose value moved (rows that did not move are skipped here too). */
export function scoreChanges(model: ScoreModelName, field: string, rows: readonly ScoreChangeRow[]): CrmChange[] {
  return rows
    .filter((row) => row.from_value !== row.to_value)
    .map((row) => ({ topic: 'score.changed', contactId: row.contact_id, model, field, from: row.from_value, to: row.to_value }));
}
