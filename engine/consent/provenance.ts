/**
 * Where a consent decision came from. The path that records it decides, never the caller: an
 * API client says what its form was with `proof.formId`, not by choosing a source.
 */
export const CONSENT_SOURCES = ['api', 'import', 'preference_center', 'unsubscribe_link', 'sms_keyword', 'double_opt_in', 'admin'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** Who, how and why: stored with every decision in the append-only history. */
export interface ConsentProvenance {
  readonly source: ConsentSource;
  /** `api_key:<id>`, `user:<id>`, `contact` (their own link or keyword) or `system`. */
  readonly actor: string;
  readonly at: Date;
  readonly reason?: string | undefined;
  readonly ipAddress?: string | undefined;
  readonly userAgent?: string | undefined;
  readonly formId?: string | undefined;
}

/** Who asked and from where: a provenance without its source and time, which the recording path adds. */
export type ConsentOrigin = Omit<ConsentProvenance, 'source' | 'at'>;

/** Changes the engine makes on no one's request (a CLI import, the seed). */
export const SYSTEM_ORIGIN: ConsentOrigin = { actor: 'system' };

