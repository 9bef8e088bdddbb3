import { ingestBatch, IngestError } from '../../../engine/ingest';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { HOUR_MS, newWorkspace, NOW, outboxOf } from './fixtures';

describe.each(databaseKinds)('batch (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
  });
  afterAll(() => database.dispose());
  const db = () => database.db;
  const prisma = () => database.db.prisma;
  const refusalOf = (error: unknown) => (error instanceof IngestError ? { kind: error.kind, field: error.field } : error);

  it('ingests mixed items in order, each on its own: one bad item loses nothing else', async () => {
    const workspaceId = await newWorkspace(db(), 'EUR');
    const placedAt = new Date(NOW.getTime() - HOUR_MS).toISOString();
    const outcomes = await ingestBatch(
      prisma(),
      workspaceId,
      [
        { type: 'identify', email: 'ada@example.com', firstName: 'Ada', attributes: { plan: 'pro' } },
        { type: 'track', email: 'ada@example.com', name: 'Viewed Product', messageId: 'v-1' },
        { type: 'track', email: 'ada@example.com', messageId: 'v-2' },
        { type: 'order', externalId: 'o-1', contact: { email: 'ada@example.com' }, status: 'paid', currency: 'EUR', amount: 30, placedAt },
        { type: 'track', email: 'ada@example.com', name: 'Viewed Product', messageId: 'v-1' },
        { type: 'order', externalId: 'o-1', contact: { email: 'ada@example.com' }, status: 'paid', currency: 'EUR', amount: 30, placedAt },
        { type: 'refund', email: 'ada@example.com' },
        { type: 'track', contactId: '00000000-0000-4000-8000-000000000000', name: 'Ghost' },
        'not an object',
        { type: 'track', email: 'ada@example.com', name: 'Viewed Product', colour: 'red' },
        { type: 'track', email: 'ada@example.com', name: 'Late', occurredAt: new Date(NOW.getTime() + 30 * HOUR_MS).toISOString() },
      ],
      NOW,
    );
    expect(outcomes.map((outcome) => (outcome.status === 'error' ? { index: outcome.index, status: outcome.status, error: refusalOf(outcome.error) } : outcome))).toEqual([
      { index: 0, status: 'ok' },
      { index: 1, status: 'ok' },
      { index: 2, status: 'error', error: { kind: 'invalid', field: 'name' } },
      { index: 3, status: 'ok' },
      { index: 4, status: 'duplicate' },
      { index: 5, status: 'duplicate' },
      { index: 6, status: 'error', error: { kind: 'invalid', field: 'type' } },
      { index: 7, status: 'error', error: { kind: 'not_found', field: 'contactId' } },
      { index: 8, status: 'error', error: { kind: 'invalid', field: 'item' } },
      { index: 9, status: 'error', error: { kind: 'invalid', field: 'colour' } },
      { index: 10, status: 'error', error: { kind: 'invalid', field: 'occurredAt' } },
    ]);
    const contact = await prisma().contact.findFirstOrThrow({ where: { workspaceId } });
    expect(contact).toMatchObject({ email: 'ada@example.com', firstName: 'Ada', attributes: { plan: 'pro' } });
    expect(await prisma().contact.count({ where: { workspaceId } })).toBe(1);
    expect(await prisma().event.count({ where: { workspaceId } })).toBe(1);
    expect(await prisma().order.count({ where: { workspaceId } })).toBe(1);
    expect(await outboxOf(db(), workspaceId, 'event.tracked')).toHaveLength(1);
    expect(await prisma().rfmScore.count({ where: { contactId: contact.id } })).toBe(1);
  });
});
