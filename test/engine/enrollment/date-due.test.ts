import type { Audience } from '../../../activities/enrollment/types';
import { toJsonColumn, type Database } from '../../../engine/db';
import { audienceContacts } from '../../../engine/enrollment/audience';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { fixtureActions } from '../journeys/test-app';
import { publishDraft, triggerThenExit, workspace } from './world';

type DateDue = Extract<Audience, { kind: 'date_due' }>;

describe.each(databaseKinds)('date trigger audience: whose date is due, in their own zone (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: Database;
  let workspaceId: string;
  let journeyId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    db = database.db;
    workspaceId = await workspace(db, 'Europe/London');
    journeyId = await publishDraft(db, fixtureActions(), workspaceId, triggerThenExit('Birthday', { type: 'date_attribute', attribute: 'contact.attributes.birthday', offsetDays: 0, recurrence: 'yearly', at: '09:00' }));
    const contacts: [name: string, birthday: unknown, timezone: string | null, doNotContact?: boolean][] = [
      ['london', '1990-12-03', null],
      ['tokyo', '1985-12-03T00:00:00Z', 'Asia/Tokyo'],
      ['newyork', '1980-12-03', 'America/New_York'],
      ['auckland', '2000-12-02', 'Pacific/Auckland'],
      ['tomorrow', '1990-12-04', null],
      ['garbage', 'soon', null],
      ['impossible', '2021-02-31', null],
      ['number', 19901203, null],
      ['unreachable', '1990-12-03', null, true],
      ['newyear', '1990-01-05', null],
      ['leapling', '2000-02-29', null],
      ['once', '2026-11-26', null],
      ['lastyear', '2025-11-26', null],
    ];
    for (const [name, birthday, timezone, doNotContact] of contacts) {
      const contact = await db.prisma.contact.create({ data: { workspaceId, email: `${name}@example.com`, timezone, doNotContact: doNotContact ?? false, attributes: toJsonColumn({ birthday }) } });
      ids[name] = contact.id;
    }
  });
  afterAll(() => database?.dispose());

  const due = async (audience: Omit<DateDue, 'kind' | 'attribute'>) => {
    const rows = await db.prisma.$queryRaw<{ contact_id: string; entry_key: string }[]>`
      SELECT contact_id::text AS contact_id, entry_key FROM (${audienceContacts(workspaceId, journeyId, { kind: 'date_due', attribute: 'contact.attributes.birthday', ...audience })}) AS a`;
    const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    return Object.fromEntries(rows.map((row) => [names[row.contact_id] ?? row.contact_id, row.entry_key]));
  };

  it("finds the birthdays that are today where the contact lives, once their local clock reaches `at`", async () => {
    // 09:30 in London: 18:30 in Tokyo, 04:30 in New York, 22:30 in Auckland.
    expect(await due({ offsetDays: 0, recurrence: 'yearly', at: '09:00', now: '2026-12-03T09:30:00Z' })).toEqual({ london: 'date:2026-12-03', tokyo: 'date:2026-12-03' });
    // Later that day New York's morning comes too (23:30 in Tokyo); Auckland has moved on to the 4th.
    expect(await due({ offsetDays: 0, recurrence: 'yearly', at: '09:00', now: '2026-12-03T14:30:00Z' })).toEqual({ london: 'date:2026-12-03', tokyo: 'date:2026-12-03', newyork: 'date:2026-12-03' });
    // 15:30: a new day in Tokyo, whose birthday has passed.
    expect(await due({ offsetDays: 0, recurrence: 'yearly', at: '09:00', now: '2026-12-03T15:30:00Z' })).toEqual({ london: 'date:2026-12-03', newyork: 'date:2026-12-03' });
  });

  it('applies the offset across New Year, keeps 29 February in other years, and fires `once` dates once', async () => {
    // 33 days before 5 January 2027 is 3 December 2026.
    expect(await due({ offsetDays: -33, recurrence: 'yearly', at: '00:00', now: '2026-12-03T12:00:00Z' })).toMatchObject({ newyear: 'date:2026-12-03' });
    expect(await due({ offsetDays: 0, recurrence: 'yearly', at: '00:00', now: '2027-02-28T12:00:00Z' })).toEqual({ leapling: 'date:2027-02-28' });
    expect(await due({ offsetDays: 0, recurrence: 'yearly', at: '00:00', now: '2028-02-29T12:00:00Z' })).toEqual({ leapling: 'date:2028-02-29' });
    expect(await due({ offsetDays: 7, recurrence: 'once', at: '00:00', now: '2026-12-03T12:00:00Z' })).toEqual({ once: 'date:2026-12-03' });
  });

  it('leaves out contacts already entered under the day’s key', async () => {
    const version = await db.prisma.journeyVersion.findFirstOrThrow({ where: { journeyId } });
    await db.prisma.journeyEnrollment.create({
      data: { workspaceId, journeyId, journeyVersionId: version.id, contactId: ids.london ?? '', workflowId: 'w', runId: `run-${kind}`, entryKey: 'date:2026-12-03', status: 'completed' },
    });
    expect(await due({ offsetDays: 0, recurrence: 'yearly', at: '09:00', now: '2026-12-03T09:30:00Z' })).toEqual({ tokyo: 'date:2026-12-03' });
  });
});
