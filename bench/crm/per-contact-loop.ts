import type pg from 'pg';
import type { CrmContext } from '../../engine/crm/context';
import { scoreScope } from '../../engine/crm/scores/score-contacts';
import { contactsWithIds } from '../../engine/crm/sql';
import type { Database } from '../../engine/db';
import { FREQUENCY_BANDS, MONETARY_BANDS, RECENCY_BANDS, rfmSegmentOf } from '../../engine/crm/rfm';

const DAY_MS = 86_400_000;
const ENGAGEMENT_WEIGHTS: Readonly<Record<string, number>> = { 'Email Opened': 1, 'Email Clicked': 3, 'Session Started': 1 };

/**
 * The engine's own scoring, one contact at a time, one transaction each: the same statements
 * and the same results as the recompute, so the only difference measured is set-based versus
 * per-contact. (Without tiers and segments, which the recompute does on top.)
 */
export async function engineScoringOneContact(db: Database, context: CrmContext, contactId: string): Promise<void> {
  await db.prisma.$transaction((tx) => scoreScope(tx, context, contactsWithIds([contactId])));
}

/**
 * How the tools this engine replaces score: contact by contact, in the application. For one
 * contact: read its orders and its recent events, compute threshold RFM, historical CLV and a
 * decayed engagement score in TypeScript, write the three rows back. It does less than the
 * set-based recompute (no churn, lead, health, stages, tiers or segments, no predictive CLV),
 * so the comparison favours the loop.
 */
export async function scoreOneContact(sql: pg.Client, workspaceId: string, contactId: string, now: Date): Promise<void> {
  const orders = (
    await sql.query<{ amount: string; placed_at: Date }>(
      `SELECT amount, placed_at FROM "order" WHERE contact_id = $1 AND status IN ('paid', 'fulfilled') AND currency = 'USD' AND placed_at <= $2 ORDER BY placed_at`,
      [contactId, now],
    )
  ).rows;
  const events = (await sql.query<{ name: string; occurred_at: Date }>(`SELECT name, occurred_at FROM event WHERE contact_id = $1 AND occurred_at > $2`, [contactId, new Date(now.getTime() - 180 * DAY_MS)])).rows;
  const points = events.reduce((sum, event) => sum + (ENGAGEMENT_WEIGHTS[event.name] ?? 0) * 0.5 ** ((now.getTime() - event.occurred_at.getTime()) / DAY_MS / 30), 0);
  await sql.query(
    `INSERT INTO engagement_score (contact_id, workspace_id, score, computed_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (contact_id) DO UPDATE SET score = EXCLUDED.score, computed_at = EXCLUDED.computed_at`,
    [contactId, workspaceId, Math.round(100 * Math.min(1, points / 40)), now],
  );
  if (orders.length === 0) return;
  const revenue = orders.reduce((sum, order) => sum + Number(order.amount), 0);
  const last = orders.at(-1)?.placed_at ?? now;
  const days = Math.floor((now.getTime() - last.getTime()) / DAY_MS);
  const recency = RECENCY_BANDS.find((band) => band.maxDays === null || days <= band.maxDays)?.score ?? 1;
  const frequency = FREQUENCY_BANDS.find((band) => orders.length >= band.minOrders)?.score ?? 1;
  const monetary = MONETARY_BANDS.find((band) => revenue >= band.minSpend)?.score ?? 1;
  await sql.query(
    `INSERT INTO rfm_score (contact_id, workspace_id, recency, frequency, monetary, segment_label, days_since_last, order_count, total_spend, computed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (contact_id) DO UPDATE SET recency = EXCLUDED.recency, frequency = EXCLUDED.frequency, monetary = EXCLUDED.monetary, segment_label = EXCLUDED.segment_label`,
    [contactId, workspaceId, recency, frequency, monetary, rfmSegmentOf(recency, frequency, monetary), days, orders.length, revenue, now],
  );
  await sql.query(
    `INSERT INTO clv_score (contact_id, workspace_id, historical_value, predicted_value, average_order_value, currency, computed_at)
     VALUES ($1, $2, $3, $3, $4, 'USD', $5) ON CONFLICT (contact_id) DO UPDATE SET historical_value = EXCLUDED.historical_value`,
    [contactId, workspaceId, revenue, revenue / orders.length, now],
  );
}
