import { ContactImportHeaderError, importContactsCsv } from '../../../engine/contacts';
import { saveSegment } from '../../../engine/crm/segments/store';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';

describe.each(databaseKinds)('contact CSV import on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let workspaceId: string;
  const now = new Date('2026-06-30T12:00:00Z');
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
    workspaceId = (await db.prisma.workspace.create({ data: { name: 'Import', slug: `import-${kind}` } })).id;
  });
  afterAll(async () => dispose());

  const file = [
    'email,external_id,first_name,tags,plan,seats,attributes.vip',
    'ada@example.com,c-1,Ada,espresso;filter,pro,3,true',
    'ADA@example.com,,Ada again,,,,', // the same contact as line 2 (emails are case-insensitive)
    'not-an-email,,Bob,,,,',
    ',,Nobody,,,,',
    'cyd@example.com,c-3,Cyd,,free,,',
  ].join('\n');

  it('creates, validates per row, skips repeats within the file, and moves segments like any change', async () => {
    const pros = await saveSegment(db.prisma, { workspaceId, now, currency: 'USD' }, { name: 'Pros', kind: 'dynamic', criteria: { type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' } });
    const progress: number[] = [];
    const report = await importContactsCsv(db.prisma, workspaceId, file, now, (rows) => progress.push(rows));
    expect(report).toEqual({
      rows: 5,
      created: 2,
      updated: 0,
      unchanged: 0,
      duplicates: [{ line: 3, duplicateOf: 2 }],
      invalid: [
        { line: 4, field: 'email', message: expect.stringContaining('email') },
        { line: 5, field: 'email', message: 'each row needs an email or an external_id' },
      ],
      invalidNotListed: 0,
    });
    expect(progress.at(-1)).toBe(5);
    const ada = await db.prisma.contact.findFirstOrThrow({ where: { workspaceId, externalId: 'c-1' } });
    expect(ada).toMatchObject({ email: 'ada@example.com', firstName: 'Ada', tags: ['espresso', 'filter'], attributes: { plan: 'pro', seats: 3, vip: true } });
    expect(await db.prisma.segmentMembership.findMany({ where: { segmentId: pros.id }, select: { contactId: true } })).toEqual([{ contactId: ada.id }]);
    expect(await db.prisma.outboxEntry.count({ where: { workspaceId, topic: 'segment.entered' } })).toBe(1);
  });

  it('changes nothing on a re-run, updates what a later file changes, and never clears a field with an empty cell', async () => {
    const again = await importContactsCsv(db.prisma, workspaceId, file, now);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const update = await importContactsCsv(db.prisma, workspaceId, 'external_id,last_name,first_name\nc-3,Young,\n', now);
    expect(update).toMatchObject({ rows: 1, updated: 1 });
    expect(await db.prisma.contact.findFirstOrThrow({ where: { workspaceId, externalId: 'c-3' } })).toMatchObject({ firstName: 'Cyd', lastName: 'Young' });
  });

  it('refuses a file whose columns cannot be named, before importing anything', async () => {
    await expect(importContactsCsv(db.prisma, workspaceId, 'email,favourite colour\neve@example.com,blue\n', now)).rejects.toThrow(ContactImportHeaderError);
    expect(await db.prisma.contact.count({ where: { workspaceId, email: 'eve@example.com' } })).toBe(0);
  });
});
