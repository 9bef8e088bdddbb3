import { Type, type Static } from 'typebox';
import { check } from '../../journey/compile/validators';
import type { CrmContext } from '../context';
import type { SqlClient } from '../sql';
import { fitBgNbd, type CustomerHistory } from './bg-nbd';
import { fitGammaGamma, type SpendHistory } from './gamma-gamma';
import { customerSummaries, type CustomerSummary } from './summary';

// The workspace's fitted CLV models, kept in crm_model_state so one contact's CLV can be
// recomputed on a change without refitting. The batch recompute refits them nightly.

/** The models' time unit: a week, as in the reference papers (any unit works; weeks keep α readable). */
export const MODEL_TIME_UNIT_DAYS = 7;
/** Customers sampled for fitting: enough for stable parameters, bounded so a fit stays ~1 s. */
export const FIT_SAMPLE = 20_000;
/** Below this many repeat buyers the spend model is not identifiable; CLV falls back to history. */
export const MIN_REPEAT_BUYERS = 30;
/**
 * A shape parameter (r, a, b, p, q) beyond this means the data show (almost) no heterogeneity
 * between customers: the likelihood's maximum lies at infinity, the fit is not a usable model,
 * and its hypergeometric terms would need millions of series terms. CLV then falls back to
 * history. The search itself stays below ten times this (so no evaluation meets such terms).
 * Scale parameters (α in weeks, γ in the workspace currency) are not limited: a shop selling
 * in yen has a γ in the hundreds of thousands.
 */
export const MAX_SHAPE = 10_000;
const SEARCH_SHAPE_BOUND = 10 * MAX_SHAPE;
/**
 * Nelder–Mead iterations per search run. The CDNOW reference fits need about 400 (Gamma-Gamma)
 * and 600 (BG/NBD) over all their runs; a degenerate fit creeping along the shape bound would
 * take 15,000. The budget keeps a nightly fit of any data to a few seconds; an exhausted budget
 * is a fit that did not converge, and CLV falls back to history.
 */
const FIT_ITERATIONS = 2_000;

const ClvModels = Type.Object({
  bgNbd: Type.Object({ r: Type.Number(), alpha: Type.Number(), a: Type.Number(), b: Type.Number() }),
  gammaGamma: Type.Object({ p: Type.Number(), q: Type.Number(), gamma: Type.Number() }),
  logLikelihood: Type.Object({ bgNbd: Type.Number(), gammaGamma: Type.Number() }),
  customers: Type.Integer(),
  repeatBuyers: Type.Integer(),
});
export type ClvModels = Static<typeof ClvModels>;
const isClvModels = (value: unknown): value is ClvModels => check(ClvModels, value);

const units = (from: Date, to: Date): number => Math.max(0, (to.getTime() - from.getTime()) / (MODEL_TIME_UNIT_DAYS * 86_400_000));

export function historyOf(summary: CustomerSummary, now: Date): CustomerHistory {
  return { frequency: summary.orders - 1, recency: units(summary.firstAt, summary.lastAt), age: units(summary.firstAt, now) };
}

/** Fits BG/NBD and Gamma-Gamma on a sample of the workspace's customers and stores them; undefined when the data cannot support a fit. */
export async function fitClvModels(client: SqlClient, context: CrmContext): Promise<ClvModels | undefined> {
  const summaries = await customerSummaries(client, context, { kind: 'all' }, FIT_SAMPLE);
  const histories = groupHistories(summaries.map((summary) => historyOf(summary, context.now)));
  const spends: SpendHistory[] = summaries
    .filter((summary) => summary.orders > 1 && summary.repeatAverage !== null && summary.repeatAverage > 0)
    .map((summary) => ({ frequency: summary.orders - 1, averageSpend: summary.repeatAverage ?? 0 }));
  if (spends.length < MIN_REPEAT_BUYERS) return undefined;
  const search = { maxShape: SEARCH_SHAPE_BOUND, maxIterations: FIT_ITERATIONS };
  const bgNbd = fitBgNbd(histories, search);
  const gammaGamma = fitGammaGamma(spends, search);
  if (!bgNbd.converged || !gammaGamma.converged || gammaGamma.params.q <= 1) return undefined;
  const shapes = [bgNbd.params.r, bgNbd.params.a, bgNbd.params.b, gammaGamma.params.p, gammaGamma.params.q];
  if (shapes.some((value) => value > MAX_SHAPE)) return undefined;
  const models: ClvModels = {
    bgNbd: bgNbd.params,
    gammaGamma: gammaGamma.params,
    logLikelihood: { bgNbd: bgNbd.logLikelihood, gammaGamma: gammaGamma.logLikelihood },
    customers: summaries.length,
    repeatBuyers: spends.length,
  };
  await client.$executeRaw`
    INSERT INTO crm_model_state (workspace_id, kind, parameters, sample_size, computed_at)
    VALUES (${context.workspaceId}::uuid, 'clv', ${JSON.stringify(models)}::jsonb, ${summaries.length}::int, ${context.now}::timestamptz)
    ON CONFLICT (workspace_id, kind) DO UPDATE SET parameters = EXCLUDED.parameters, sample_size = EXCLUDED.sample_size, computed_at = EXCLUDED.computed_at`;
  return models;
}

export async function storedClvModels(client: SqlClient, workspaceId: string): Promise<ClvModels | undefined> {
  const [row] = await client.$queryRaw<{ parameters: unknown }[]>`SELECT parameters FROM crm_model_state WHERE workspace_id = ${workspaceId}::uuid AND kind = 'clv'`;
  return row && isClvModels(row.parameters) ? row.parameters : undefined;
}

/** Customers with the same (x, t_x, T) to a hundredth of a week share one likelihood term. */
function groupHistories(histories: CustomerHistory[]): CustomerHistory[] {
  const groups = new Map<string, CustomerHistory>();
  for (const history of histories) {
    const rounded = { frequency: history.frequency, recency: Math.round(history.recency * 100) / 100, age: Math.round(history.age * 100) / 100 };
    const key = `${rounded.frequency}:${rounded.recency}:${rounded.age}`;
    const group = groups.get(key);
    groups.set(key, { ...rounded, count: (group?.count ?? 0) + 1 });
  }
  return [...groups.values()];
}
