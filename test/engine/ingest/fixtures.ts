import { randomUUID } from 'node:crypto';
import type { Database } from '../../../engine/db';

// Ingestion fixtures: a fresh workspace per test (so counts start at zero) and readers for
// what a call left behind in the outbox.

export const NOW = new Date('2026-06-30T12:00:00Z');
export const HOUR_MS = 3_600_000;

export async function newWorkspace(db: Database, currency = 'EUR'): Promise<string> {
  const slug = `ingest-${randomUUID()}`;
  return (await db.prisma.workspace.create({ data: { name: slug, slug, currency }, select: { id: true } })).id;
}

export interface OutboxRow {
  readonly topic: string;
  readonly payload: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The workspace's outbox entries in order, optionally of one topic. */
export async function outboxOf(db: Database, workspaceId: string, topic?: string): Promise<OutboxRow[]> {
  const rows = await db.prisma.outboxEntry.findMany({ where: { workspaceId, ...(topic === undefined ? {} : { topic }) }, orderBy: { id: 'asc' } });
  return rows.map((row) => ({ topic: row.topic, payload: isRecord(row.payload) ? row.payload : {} }));
}
