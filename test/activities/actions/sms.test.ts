import type { FastifyInstance } from 'fastify';
import { createActionRegistry } from '../../../activities/actions';
import { createSmsDeps } from '../../../activities/sms';
import { twilioInboundUrl } from '../../../engine/routes/callbacks/twilio-inbound';
import { testSms } from '../../support/messaging';
import { freePort } from '../../support/ports';
import { TwilioServer } from '../../support/twilio-server';
import { journeyApp } from '../../engine/journeys/test-app';
import { draft, trigger } from '../../workflows/journey/drafts';
import { createWorkspace, nodePath, publish, runInput, startRun } from '../../workflows/journey/harness';
import { useJourneySuite } from '../../workflows/journey/suite';

// The built-in SMS action inside a real journey run, through the real twilio library to a
// Twilio-shaped server on loopback, with signed status callbacks posted back to the engine.
const twilioServer = new TwilioServer();
const sms = testSms();
let app: FastifyInstance | undefined;
let callbackUrl = '';
beforeAll(async () => {
  await twilioServer.start();
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  Object.assign(sms, createSmsDeps({ twilio: { accountSid: twilioServer.accountSid, authToken: twilioServer.authToken, from: '+15005550006', apiUrl: twilioServer.url }, publicUrl }));
  callbackUrl = sms.statusCallbackUrl ?? '';
});
afterAll(async () => {
  await app?.close();
  await twilioServer.stop();
});
const suite = useJourneySuite('sms-action', { actions: createActionRegistry(), sms });
beforeAll(async () => {
  // The engine's API, for Twilio's callbacks, on the port the callback URL names.
  app = await journeyApp(suite.db, { twilioCallback: { authToken: twilioServer.authToken, statusUrl: callbackUrl, inboundUrl: twilioInboundUrl(new URL(callbackUrl).origin) } });
  await app.listen({ host: '127.0.0.1', port: Number(new URL(callbackUrl).port) });
});

const textNode = { id: 'text', kind: 'action' as const, config: { actionId: 'sms', actionVersion: 1, input: { body: 'Hi {{ contact.firstName }}, your beans ship today.' } } };

async function contact(phone: string) {
  const fixture = await createWorkspace(suite.db, { ada: null });
  const contactId = fixture.contactIds.ada ?? '';
  await suite.db.prisma.contact.update({ where: { id: contactId }, data: { firstName: 'Ada', phone } });
  await suite.db.prisma.consent.create({ data: { workspaceId: fixture.workspaceId, contactId, channel: 'sms', messageType: 'marketing', status: 'granted', source: 'test' } });
  return fixture;
}

async function run(fixture: Awaited<ReturnType<typeof contact>>, node: { id: string; kind: 'action'; config: { actionId: string; actionVersion: number; input: Record<string, unknown> } } = textNode) {
  const published = await publish(suite.db, fixture, draft([trigger(), node], [['start', 'text']]), suite.actions);
  const result = await (await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'))).result();
  if (result.status === 'not_entered') throw new Error(result.reason);
  return { result, path: await nodePath(suite.db, result.enrollmentId) };
}

const ledger = (workspaceId: string) => suite.db.prisma.communication.findFirstOrThrow({ where: { workspaceId }, include: { statusChanges: { orderBy: { occurredAt: 'asc' } } } });

describe('the SMS action in a journey', () => {
  it('sends through Twilio and records delivery from the signed status callback', async () => {
    const fixture = await contact('+44 7700 900123');
    const before = twilioServer.messages.length;
    expect((await run(fixture)).path).toEqual(['start:event', 'text:sent']);
    const [message, ...more] = twilioServer.messages.slice(before);
    expect(more).toEqual([]);
    expect(message).toMatchObject({ to: '+447700900123', from: '+15005550006', body: 'Hi Ada, your beans ship today.', statusCallback: callbackUrl });
    if (!message) throw new Error('no message');
    expect(await ledger(fixture.workspaceId)).toMatchObject({ status: 'sent', provider: 'twilio', providerMessageId: message.sid });

    expect(await twilioServer.reportStatus(message, 'delivered')).toBe(204);
    const delivered = await ledger(fixture.workspaceId);
    expect(delivered.status).toBe('delivered');
    expect(delivered.statusChanges.map((change) => change.status)).toEqual(['sent', 'delivered']);
    // A callback not signed with the account's token is refused and changes nothing.
    expect(await twilioServer.reportStatus(message, 'failed', '30008', 'not-the-auth-token')).toBe(403);
    expect((await ledger(fixture.workspaceId)).status).toBe('delivered');
  });

  it('Twilio 500 then 201: retried, exactly one message', async () => {
    const fixture = await contact('+14155550101');
    twilioServer.failures.push({ status: 500, code: 20500, message: 'Internal Server Error' });
    const before = twilioServer.messages.length;
    expect((await run(fixture)).path).toEqual(['start:event', 'text:sent']);
    expect(twilioServer.messages.slice(before).map((message) => message.to)).toEqual(['+14155550101']);
  });

  it('an invalid number (Twilio 400, 21211) fails the node without a retry storm and suppresses the number', async () => {
    const fixture = await contact('+15005550001');
    twilioServer.failures.push({ status: 400, code: 21211, message: "The 'To' number +15005550001 is not a valid phone number." });
    const before = twilioServer.messages.length;
    const failuresBefore = twilioServer.failures.length;
    expect((await run(fixture)).path).toEqual(['start:event', 'text:failed']);
    expect(twilioServer.failures.length).toBe(failuresBefore - 1);
    expect(twilioServer.messages.length).toBe(before);
    expect(await suite.db.prisma.suppression.findFirst({ where: { workspaceId: fixture.workspaceId, channel: 'sms', address: '+15005550001' } })).toMatchObject({ reason: 'hard_bounce' });
  });

  it('a number that is not E.164 fails before Twilio is called', async () => {
    const fixture = await contact('07700 900 123');
    const before = twilioServer.messages.length;
    expect((await run(fixture)).path).toEqual(['start:event', 'text:failed']);
    expect(twilioServer.messages.length).toBe(before);
  });

  it('sends a saved SMS template of the workspace, and fails the node for a template it does not have', async () => {
    const fixture = await contact('+44 7700 900125');
    const template = await suite.db.prisma.messageTemplate.create({ data: { workspaceId: fixture.workspaceId, name: 'Shipping', channel: 'sms', body: '  {{ contact.firstName }}, your order is on its way.  ' } });
    const before = twilioServer.messages.length;
    const withTemplate = (templateId: string) => ({ ...textNode, config: { ...textNode.config, input: { templateId } } });
    expect((await run(fixture, withTemplate(template.id))).path).toEqual(['start:event', 'text:sent']);
    expect(twilioServer.messages.slice(before).map((message) => message.body)).toEqual(['Ada, your order is on its way.']);

    const other = await createWorkspace(suite.db, { eve: null });
    const theirs = await suite.db.prisma.messageTemplate.create({ data: { workspaceId: other.workspaceId, name: 'Theirs', channel: 'sms', body: 'not yours' } });
    const second = await contact('+44 7700 900126');
    expect((await run(second, withTemplate(theirs.id))).path).toEqual(['start:event', 'text:failed']);
    expect(twilioServer.messages.length).toBe(before + 1);
  });
});
