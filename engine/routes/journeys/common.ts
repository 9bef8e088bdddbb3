import { ApiError } from '../../errors';
import { TemporalCallError } from '../../journeys/errors';
import { InvalidCursorError } from '../../journeys/page-cursor';

export const common = { tags: ['journeys'], security: [{ apiKey: [] }] };
export const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } } as const;
export const conflictReply = { 409: { $ref: 'ErrorBody#' } } as const;
export const unavailableReply = { 503: { $ref: 'ErrorBody#' } } as const;

/** The journey services' expected failures as catalogue errors (the request field at fault named). */
export async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new ApiError('VALIDATION_FAILED', `querystring.${error.message}`, 'querystring.cursor');
    if (error instanceof TemporalCallError) throw new ApiError('TEMPORAL_UNAVAILABLE');
    throw error;
  }
}

export const iso = (date: Date): string => date.toISOString();
export const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString());
