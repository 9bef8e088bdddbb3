import { DateTime } from 'luxon';
import { sendOnce, type Delivery, type SendRequest } from '../../../activities/sending';
import type { Database } from '../../../engine/db';
import { openMigratedDatabase } from '../../support/database';

describe('sending policy (quiet hours, frequency caps)', () => {
  let database: { db: Database; dispose(): Promise<void> };
  let counter = 0;
  const accepted: string[] = [];
  const delivery = (key: string): Delivery => ({ provider: 'test', deliver: async () => { accepted.push(key); return {}; } });
  beforeAll(async () => {
    database = await openMigratedDatabase('pglite');
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function contactIn(settings: object, timezone: string | null = 'America/New_York'): Promise<Omit<SendRequest, 'idempotencyKey'>> {
    counter += 1;
    const { prisma } = database.db;
    const workspace = await prisma.workspace.create({ data: { name: `W${counter}`, slug: `w${counter}`, timezone: 'Europe/London', settings } });
    const contact = await prisma.contact.create({ data: { workspaceId: workspace.id, email: `c${counter}@example.com`, timezone } });
    await prisma.consent.create({ data: { workspaceId: workspace.id, contactId: contact.id, channel: 'email', messageType: 'marketing', status: 'granted', source: 'test' } });
    return { workspaceId: workspace.id, contactId: contact.id, channel: 'email', messageType: 'marketing', toAddress: `c${counter}@example.com` };
  }
  const at = (iso: string, zone: string) => () => DateTime.fromISO(iso, { zone }).toJSDate();

  it("defers a marketing message in quiet hours to the contact's morning, then sends it under the same key", async () => {
    const base = await contactIn({ quietHours: { from: '21:00', to: '08:00' } });
    const send = { ...base, idempotencyKey: 'e1:mail:2' };
    const night = await sendOnce(database.db.prisma, send, delivery(send.idempotencyKey), { now: at('2026-11-24T23:30', 'America/New_York') });
    expect(night).toMatchObject({ outcome: 'deferred', reason: 'Quiet hours 21:00–08:00 in America/New_York.' });
    if (night.outcome !== 'deferred') throw new Error('expected a deferral');
    expect(DateTime.fromJSDate(night.until, { zone: 'America/New_York' }).toISO()).toBe('2026-11-25T08:00:00.000-05:00');
    expect(accepted).not.toContain(send.idempotencyKey);
    expect(await sendOnce(database.db.prisma, send, delivery(send.idempotencyKey), { now: () => night.until })).toMatchObject({ outcome: 'sent' });
    expect(accepted.filter((key) => key === send.idempotencyKey)).toHaveLength(1);
  });

  it('uses the workspace zone when the contact has none, and lets transactional messages through', async () => {
    const base = await contactIn({ quietHours: { from: '21:00', to: '08:00' } }, null);
    const night = at('2026-11-24T22:00', 'Europe/London');
    expect(await sendOnce(database.db.prisma, { ...base, idempotencyKey: 'e2:mail:2' }, delivery('e2'), { now: night })).toMatchObject({ outcome: 'deferred', reason: expect.stringContaining('Europe/London') });
    expect(await sendOnce(database.db.prisma, { ...base, messageType: 'transactional', idempotencyKey: 'e2:receipt:3' }, delivery('e2r'), { now: night })).toMatchObject({ outcome: 'sent' });
  });

  it('skips a marketing message over the frequency cap, across journeys, with the reason recorded', async () => {
    const base = await contactIn({ frequencyCaps: [{ channel: 'email', max: 2, windowHours: 24 }] });
    const noon = at('2026-11-24T12:00', 'America/New_York');
    for (const key of ['journey-a:1:2', 'journey-b:5:3']) expect(await sendOnce(database.db.prisma, { ...base, idempotencyKey: key }, delivery(key), { now: noon })).toMatchObject({ outcome: 'sent' });
    const third = await sendOnce(database.db.prisma, { ...base, idempotencyKey: 'journey-c:2:2' }, delivery('journey-c'), { now: noon });
    expect(third).toMatchObject({ outcome: 'skipped', reason: 'Frequency cap: 2 marketing email messages in the last 24 hours (at most 2).' });
    // A day later the window has moved on.
    expect(await sendOnce(database.db.prisma, { ...base, idempotencyKey: 'journey-d:2:2' }, delivery('journey-d'), { now: at('2026-11-25T12:30', 'America/New_York') })).toMatchObject({ outcome: 'sent' });
  });

  it('refuses marketing sends while the workspace settings are invalid', async () => {
    const base = await contactIn({ quietHours: { from: 'late', to: 'early' } });
    expect(await sendOnce(database.db.prisma, { ...base, idempotencyKey: 'e5:mail:2' }, delivery('e5'))).toMatchObject({ outcome: 'skipped', reason: expect.stringContaining('settings are invalid') });
  });
});
