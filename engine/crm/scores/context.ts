import type { CrmContext } from '../context';

/**
 * What every score and stage computation of a workspace needs: whose contacts, the clock, the
 * currency money is counted in, and the workspace's rules (defaults filled in).
 *
 * `now` is always sent to SQL as a bind parameter, never read from SQL now(): a computation is a
 * pure function of the data and this context, so tests pin the clock and every chunk of a batch
 * recompute judges its contacts at the same instant.
 */
export type ScoringContext = CrmContext;
