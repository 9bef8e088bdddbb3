// Pure: the dispatcher (engine) and the workflow both derive run identities from here.

/**
 * One run per (journey, contact[, entry key]) at a time. Deterministic, so a second start for
 * the same contact finds the running workflow instead of creating another.
 */
export function journeyWorkflowId(journeyId: string, contactId: string, entryKey?: string): string {
  const base = `journey:${journeyId}:contact:${contactId}`;
  return entryKey === undefined ? base : `${base}:key:${encodeURIComponent(entryKey)}`;
}

export { stepIdempotencyKey } from '../../engine/journey/step-key';
