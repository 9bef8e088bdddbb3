import { DateTime } from 'luxon';
import { createActionRegistry } from '../../../activities/actions';
import { draft, email, trigger, wait } from '../../workflows/journey/drafts';
import { createWorkspace, keepHistory, nodePath, publish, runInput, startRun } from '../../workflows/journey/harness';
import { useJourneySuite } from '../../workflows/journey/suite';

// A marketing email reaching a London contact at 22:30 on the Saturday before the clocks go
// forward waits for 08:00 local on Sunday, which is 07:00 UTC after the change (time skipping).
const suite = useJourneySuite('quiet-hours', { actions: createActionRegistry() });

describe('quiet hours in a journey', () => {
  it('defers the email to the next allowed local time across a DST change, and sends it once', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    await suite.db.prisma.workspace.update({ where: { id: fixture.workspaceId }, data: { settings: { quietHours: { from: '21:00', to: '08:00' } } } });
    const contactId = fixture.contactIds.ada ?? '';
    await suite.db.prisma.contact.update({ where: { id: contactId }, data: { timezone: 'Europe/London' } });
    await suite.db.prisma.consent.create({ data: { workspaceId: fixture.workspaceId, contactId, channel: 'email', messageType: 'marketing', status: 'granted', source: 'test' } });
    const saturdayNight = '2027-03-27T22:30:00.000Z';
    const published = await publish(
      suite.db,
      fixture,
      draft([trigger(), wait('late', { type: 'until_date', at: saturdayNight }), { ...email('promo'), config: { actionId: 'email', actionVersion: 1, input: { subject: 'Spring roast', html: '<p>New beans</p>' } } }], [['start', 'late'], ['late', 'promo']]),
      suite.actions,
    );
    const handle = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'));
    const result = await handle.result();
    await keepHistory(handle, 'quiet-hours-deferral-across-dst');
    if (result.status === 'not_entered') throw new Error(result.reason);
    expect(await nodePath(suite.db, result.enrollmentId)).toEqual(['start:event', 'late:elapsed', 'promo:sent']);
    const promo = await suite.db.prisma.nodeExecution.findFirstOrThrow({ where: { enrollmentId: result.enrollmentId, nodeId: 'promo' } });
    const sentAt = DateTime.fromJSDate(promo.completedAt ?? new Date(0), { zone: 'Europe/London' });
    expect(sentAt.toFormat('yyyy-MM-dd HH:mm ZZZZ')).toBe('2027-03-28 08:00 GMT+1');
    expect(promo.completedAt?.toISOString().slice(0, 16)).toBe('2027-03-28T07:00');
    expect(await suite.db.prisma.localOutboxMessage.count({ where: { workspaceId: fixture.workspaceId } })).toBe(1);
    expect(await suite.db.prisma.communication.findFirstOrThrow({ where: { workspaceId: fixture.workspaceId } })).toMatchObject({ status: 'sent' });
  });
});
