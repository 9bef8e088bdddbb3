/** A JSON object (not an array, not null): what conditions, drafts and plans are read as before validation. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
