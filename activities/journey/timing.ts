import { DateTime } from 'luxon';
import { lookup } from '../../engine/journey/conditions';
import type { PrismaClient } from '../../prisma/generated/client';
import { loadFacts } from './facts';
import type { TimeWindowInput, UntilDateInput } from './types';

// Time-zone arithmetic lives here, in activities, never in workflow code: zone data differs
// between Node builds, and the workflow must replay identically on any of them.

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The zone itself when the runtime knows it, else undefined. */
export function validTimeZone(zone: string | null | undefined): string | undefined {
  return zone && DateTime.now().setZone(zone).isValid ? zone : undefined;
}

/** The zone a contact's wall-clock rules use: theirs when valid, else the given fallback. */
async function zoneOf(prisma: PrismaClient, workspaceId: string, contactId: string, fallback: string): Promise<string> {
  const contact = await prisma.contact.findFirst({ where: { id: contactId, workspaceId }, select: { timezone: true } });
  const zone = contact?.timezone;
  return validTimeZone(zone) ?? fallback;
}

/**
 * When a wait-until-date on a contact attribute ends (epoch ms), or null when the contact
 * has no usable date there. Date-only values mean midnight in the contact's zone.
 */
export async function resolveUntilDate(prisma: PrismaClient, input: UntilDateInput): Promise<number | null> {
  const facts = await loadFacts(prisma, input.workspaceId, input.contactId);
  if (!facts) return null;
  const value = lookup(facts, input.attribute);
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const workspace = await prisma.workspace.findUnique({ where: { id: input.workspaceId }, select: { timezone: true } });
  const zone = await zoneOf(prisma, input.workspaceId, input.contactId, workspace?.timezone ?? 'UTC');
  const instant = typeof value === 'number' ? DateTime.fromMillis(value) : DateTime.fromISO(value, { zone });
  return instant.isValid ? instant.toMillis() + input.offsetMs : null;
}

/**
 * Milliseconds from `now` until the contact's next allowed window opens; 0 inside a window.
 * A window whose `to` is before its `from` runs overnight and belongs to the day it starts.
 */
export async function msUntilTimeWindow(prisma: PrismaClient, input: TimeWindowInput): Promise<number> {
  const zone = await zoneOf(prisma, input.workspaceId, input.contactId, input.fallbackTimezone);
  return msUntilWindow(input.now, zone, input.days, input.from, input.to);
}

/** The pure part of `msUntilTimeWindow`, exported for tests. */
export function msUntilWindow(now: number, zone: string, days: readonly string[], from: string, to: string): number {
  const local = DateTime.fromMillis(now, { zone });
  const allowed = (day: DateTime): boolean => days.includes(WEEKDAYS[day.weekday - 1] ?? '');
  const [fromHour, fromMinute] = clock(from);
  const [toHour, toMinute] = clock(to);
  const overnight = toHour * 60 + toMinute <= fromHour * 60 + fromMinute;
  for (let offset = -1; offset <= 7; offset += 1) {
    const day = local.plus({ days: offset }).startOf('day');
    if (!allowed(day)) continue;
    const opens = day.set({ hour: fromHour, minute: fromMinute });
    const closes = (overnight ? day.plus({ days: 1 }) : day).set({ hour: toHour, minute: toMinute });
    if (local >= opens && local < closes) return 0;
    if (opens > local) return opens.toMillis() - now;
  }
  // Unreachable with at least one allowed weekday (the compiler requires one).
  throw new Error(`no allowed window within a week for days ${days.join(',')}`);
}

function clock(time: string): [number, number] {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return [hour, minute];
}
