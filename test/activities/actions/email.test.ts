import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { createTransport } from 'nodemailer';
import { createActionRegistry } from '../../../activities/actions';
import { testMail } from '../../support/messaging';
import { SmtpSink } from '../channels/email/smtp-sink';
import { draft, trigger } from '../../workflows/journey/drafts';
import { createWorkspace, event, nodePath, publish, runInput, startRun } from '../../workflows/journey/harness';
import { useJourneySuite } from '../../workflows/journey/suite';

// The built-in email action inside a real journey run (time-skipping server, real activities,
// migrated database): to the local outbox by default, over SMTP when configured.
const sink = new SmtpSink();
const mail = testMail();
const SMTP_PASSWORD = 'smtp-password-that-must-not-leak';
beforeAll(async () => {
  await sink.start();
});
afterAll(async () => {
  await sink.stop();
});
const suite = useJourneySuite('email-action', { actions: createActionRegistry(), mail });

const emailNode = (input: Record<string, unknown>) => ({ id: 'thanks', kind: 'action' as const, config: { actionId: 'email', actionVersion: 1, input } });
const thanks = emailNode({ subject: 'Thanks, {{ contact.firstName }}!', html: '<p>Your order of {{ event.properties.total }} ships today. <a href="{{ unsubscribe_url }}">Unsubscribe</a> <a href="{{ preferences_url }}">Preferences</a></p>' });

async function contactWithConsent(fixture: Awaited<ReturnType<typeof createWorkspace>>, name: string, consent: boolean): Promise<void> {
  const contactId = fixture.contactIds[name] ?? '';
  await suite.db.prisma.contact.update({ where: { id: contactId }, data: { firstName: 'Ada' } });
  if (consent) await suite.db.prisma.consent.create({ data: { workspaceId: fixture.workspaceId, contactId, channel: 'email', messageType: 'marketing', status: 'granted', source: 'test' } });
}

async function run(fixture: Awaited<ReturnType<typeof createWorkspace>>, name: string) {
  const published = await publish(suite.db, fixture, draft([trigger(), thanks], [['start', 'thanks']]), suite.actions);
  const handle = await startRun(suite.env, suite.taskQueue, runInput(fixture, published, name, { entryEvent: event('Order Completed', { total: '£42' }) }));
  const result = await handle.result();
  if (result.status === 'not_entered') throw new Error(result.reason);
  return { handle, result };
}

describe('the email action in a journey', () => {
  it('renders and delivers to the local outbox when no SMTP server is configured', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    await contactWithConsent(fixture, 'ada', true);
    const { result } = await run(fixture, 'ada');
    expect(await nodePath(suite.db, result.enrollmentId)).toEqual(['start:event', 'thanks:sent']);
    const [message, ...more] = await suite.db.prisma.localOutboxMessage.findMany({ where: { workspaceId: fixture.workspaceId } });
    expect(more).toEqual([]);
    expect(message).toMatchObject({ toAddress: 'ada@example.com', subject: 'Thanks, Ada!', fromAddress: 'Roastery <hello@roastery.test>' });
    expect(message?.body).toContain('Your order of £42 ships today.');
    expect(message?.body).toContain('http://127.0.0.1:3000/unsubscribe/');
    expect(message?.body).toContain('http://127.0.0.1:3000/preferences/');
    const ledger = await suite.db.prisma.communication.findFirstOrThrow({ where: { workspaceId: fixture.workspaceId } });
    expect(ledger).toMatchObject({ status: 'sent', provider: 'outbox', subject: 'Thanks, Ada!', nodeId: 'thanks', enrollmentId: result.enrollmentId, idempotencyKey: `${result.enrollmentId}:thanks:2` });
  });

  it('compiles MJML to responsive HTML before rendering Liquid, and refuses invalid MJML', async () => {
    const fixture = await createWorkspace(suite.db, { dee: null });
    await contactWithConsent(fixture, 'dee', true);
    const mjml = '<mjml><mj-body><mj-section><mj-column><mj-text>Hello {{ contact.firstName }}</mj-text><mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button></mj-column></mj-section></mj-body></mjml>';
    const published = await publish(suite.db, fixture, draft([trigger(), emailNode({ subject: 'Spring', html: mjml, format: 'mjml' })], [['start', 'thanks']]), suite.actions);
    const result = await (await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'dee'))).result();
    if (result.status === 'not_entered') throw new Error(result.reason);
    expect(await nodePath(suite.db, result.enrollmentId)).toEqual(['start:event', 'thanks:sent']);
    const message = await suite.db.prisma.localOutboxMessage.findFirstOrThrow({ where: { workspaceId: fixture.workspaceId } });
    expect(message.body).toContain('Hello Ada');
    expect(message.body).toContain('@media only screen'); // MJML's responsive CSS
    expect(message.body).not.toContain('<mj-');

    const broken = await publish(suite.db, fixture, draft([trigger(), emailNode({ subject: 'x', html: '<mjml><mj-body><mj-column>no section</mj-column></mj-body></mjml>', format: 'mjml' })], [['start', 'thanks']]), suite.actions);
    const failed = await (await startRun(suite.env, suite.taskQueue, runInput(fixture, broken, 'dee'))).result();
    if (failed.status === 'not_entered') throw new Error(failed.reason);
    expect(await nodePath(suite.db, failed.enrollmentId)).toEqual(['start:event', 'thanks:failed']);
  });

  it('skips a contact without marketing consent and records why', async () => {
    const fixture = await createWorkspace(suite.db, { bob: null });
    await contactWithConsent(fixture, 'bob', false);
    const { result } = await run(fixture, 'bob');
    expect(await nodePath(suite.db, result.enrollmentId)).toEqual(['start:event', 'thanks:skipped']);
    expect(await suite.db.prisma.localOutboxMessage.count({ where: { workspaceId: fixture.workspaceId } })).toBe(0);
    expect(await suite.db.prisma.communication.findFirstOrThrow({ where: { workspaceId: fixture.workspaceId } })).toMatchObject({ status: 'suppressed', error: 'The contact never gave marketing email consent.' });
  });

  it('delivers over SMTP when configured, and no secret reaches the workflow history', async () => {
    mail.smtp = createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, auth: { user: 'journeys', pass: SMTP_PASSWORD } });
    try {
      const fixture = await createWorkspace(suite.db, { cy: null });
      await contactWithConsent(fixture, 'cy', true);
      const before = sink.received.length;
      const { handle, result } = await run(fixture, 'cy');
      expect(await nodePath(suite.db, result.enrollmentId)).toEqual(['start:event', 'thanks:sent']);
      expect(sink.received.slice(before).map((received) => received.subject)).toEqual(['Thanks, Ada!']);
      const history = historyToJSON(await handle.fetchHistory());
      expect(history).not.toContain(SMTP_PASSWORD);
      expect(history).not.toContain(mail.unsubscribeSecret);
    } finally {
      delete mail.smtp;
    }
  });
});
