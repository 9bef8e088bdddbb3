import type { FastifyInstance } from 'fastify';
import { changeConsent, type FlatDecision } from '../../../../engine/consent';
import type { Database } from '../../../../engine/db';
import { twilioInboundUrl } from '../../../../engine/routes/callbacks/twilio-inbound';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { freePort } from '../../../support/ports';
import { TwilioServer } from '../../../support/twilio-server';
import { journeyApp, workspaceWithKey } from '../../journeys/test-app';

const ADA_PHONE = '+447700900123';
const SMS_GRANTED: FlatDecision[] = (['marketing', 'transactional'] as const).map((purpose) => ({ target: { kind: 'channel', channel: 'sms', purpose }, decision: 'granted', field: `consent.sms.${purpose}` }));
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

// A contact replies to the engine's Twilio number, as real Twilio posts it: form-encoded and
// signed, from the Twilio-shaped server on loopback to the engine listening on a real port.
describe.each(databaseKinds)('incoming SMS keywords (%s)', (kind) => {
  const twilioServer = new TwilioServer();
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let shop: { workspaceId: string; key: string };
  let other: { workspaceId: string; key: string };
  const ids = { ada: '', cy: '', bea: '', segment: '' };

  const api = async <T>(method: 'GET' | 'PUT', url: string, key: string, payload?: object): Promise<T> => {
    const response = await app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload && { payload }) });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json<T>();
  };
  const createContact = async (key: string, workspaceId: string, profile: object): Promise<string> => {
    const { contact } = await api<{ contact: { id: string } }>('PUT', '/v1/contacts', key, profile);
    await changeConsent(database.db.prisma, workspaceId, contact.id, SMS_GRANTED, { source: 'admin', actor: 'system', at: new Date() });
    return contact.id;
  };
  const members = async (): Promise<string[]> =>
    (await api<{ members: { contactId: string }[] }>('GET', `/v1/segments/${ids.segment}/members`, shop.key)).members.map((member) => member.contactId).sort();
  const smsConsent = async (contactId: string) =>
    (await database.db.prisma.consent.findMany({ where: { contactId, channel: 'sms' }, orderBy: { messageType: 'asc' } })).map((row) => ({ purpose: row.messageType, status: row.status, source: row.source }));
  /** Everything a text could write: consent history and outbox entries, across workspaces. */
  const writes = async () => ({ history: await database.db.prisma.consentEvent.count(), outbox: await database.db.prisma.outboxEntry.count(), consents: await database.db.prisma.consent.findMany({ orderBy: { id: 'asc' } }) });
  const setHelpText = (workspaceId: string, consent: object) => database.db.prisma.workspace.update({ where: { id: workspaceId }, data: { settings: { consent } } });

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    await twilioServer.start();
    const base = `http://127.0.0.1:${await freePort()}`;
    twilioServer.incomingUrl = twilioInboundUrl(base);
    app = await journeyApp(database.db, { twilioCallback: { authToken: twilioServer.authToken, statusUrl: `${base}/v1/callbacks/twilio/status`, inboundUrl: twilioServer.incomingUrl } });
    await app.listen({ host: '127.0.0.1', port: Number(new URL(base).port) });

    shop = await workspaceWithKey(database.db);
    other = await workspaceWithKey(database.db);
    ids.ada = await createContact(shop.key, shop.workspaceId, { email: 'ada@example.com', phone: '+44 7700 900123' });
    ids.cy = await createContact(shop.key, shop.workspaceId, { email: 'cy@example.com', phone: '+44 7700 900999' });
    // The same person is a contact of another workspace this engine texts for.
    ids.bea = await createContact(other.key, other.workspaceId, { email: 'bea@example.com', phone: ADA_PHONE });
    ids.segment = (await api<{ segmentId: string }>('PUT', '/v1/segments', shop.key, { name: 'SMS subscribers', kind: 'dynamic', criteria: { type: 'consent', channel: 'sms', status: 'granted' } })).segmentId;
  });
  afterAll(async () => {
    await app?.close();
    await twilioServer.stop();
    await database?.dispose();
  });

  it('STOP withdraws SMS consent for every contact with the number, moves the segment and announces it; START undoes it', async () => {
    expect(await members()).toEqual([ids.ada, ids.cy].sort());
    const outboxBefore = await database.db.prisma.outboxEntry.count({ where: { topic: 'consent.changed' } });

    const stopped = await twilioServer.receiveText(ADA_PHONE, 'STOP');
    // Twilio's own opt-out handling confirms a STOP; the engine answers nothing.
    expect(stopped).toMatchObject({ status: 200, body: EMPTY_TWIML, replies: [] });
    expect(stopped.contentType).toContain('text/xml');
    for (const contactId of [ids.ada, ids.bea]) {
      expect(await smsConsent(contactId)).toEqual([
        { purpose: 'marketing', status: 'withdrawn', source: 'sms_keyword' },
        { purpose: 'transactional', status: 'withdrawn', source: 'sms_keyword' },
      ]);
    }
    expect(await smsConsent(ids.cy)).toEqual([
      { purpose: 'marketing', status: 'granted', source: 'admin' },
      { purpose: 'transactional', status: 'granted', source: 'admin' },
    ]);
    const history = await database.db.prisma.consentEvent.findMany({ where: { contactId: ids.ada, source: 'sms_keyword' }, orderBy: { messageType: 'asc' } });
    expect(history).toEqual([
      expect.objectContaining({ channel: 'sms', messageType: 'marketing', status: 'withdrawn', actor: 'contact', reason: 'Replied "STOP"' }),
      expect.objectContaining({ channel: 'sms', messageType: 'transactional', status: 'withdrawn', actor: 'contact', reason: 'Replied "STOP"' }),
    ]);
    // The segment moved in the same request, and journeys can trigger on the change.
    expect(await members()).toEqual([ids.cy]);
    const announced = await database.db.prisma.outboxEntry.findMany({ where: { topic: 'consent.changed' }, orderBy: { id: 'asc' }, skip: outboxBefore });
    expect(announced.map((entry) => ({ workspaceId: entry.workspaceId, payload: entry.payload }))).toEqual(
      expect.arrayContaining([
        { workspaceId: shop.workspaceId, payload: expect.objectContaining({ contactId: ids.ada, channel: 'sms', purpose: 'marketing', from: 'granted', to: 'withdrawn', source: 'sms_keyword' }) },
        { workspaceId: other.workspaceId, payload: expect.objectContaining({ contactId: ids.bea, channel: 'sms', purpose: 'marketing', to: 'withdrawn' }) },
      ]),
    );

    const started = await twilioServer.receiveText(ADA_PHONE, 'START');
    expect(started).toMatchObject({ status: 200, body: EMPTY_TWIML });
    for (const contactId of [ids.ada, ids.bea]) expect((await smsConsent(contactId)).map((row) => row.status)).toEqual(['granted', 'granted']);
    expect(await members()).toEqual([ids.ada, ids.cy].sort());
    expect(await database.db.prisma.consentEvent.count({ where: { contactId: ids.ada, reason: 'Replied "START"' } })).toBe(2);
  });

  it('reads a keyword whatever its case and surrounding spaces, and Twilio’s own classification', async () => {
    expect((await twilioServer.receiveText(ADA_PHONE, ' stop ')).status).toBe(200);
    expect((await smsConsent(ids.ada)).map((row) => row.status)).toEqual(['withdrawn', 'withdrawn']);
    expect(await members()).toEqual([ids.cy]);
    expect((await twilioServer.receiveText(ADA_PHONE, 'Unstop\n')).status).toBe(200);
    expect((await smsConsent(ids.ada)).map((row) => row.status)).toEqual(['granted', 'granted']);
    // A keyword the account added under Advanced Opt-Out: Twilio says what it means.
    expect((await twilioServer.receiveText(ADA_PHONE, 'ARRET', { extra: { OptOutType: 'STOP' } })).status).toBe(200);
    expect((await smsConsent(ids.ada)).map((row) => row.status)).toEqual(['withdrawn', 'withdrawn']);
    expect((await twilioServer.receiveText(ADA_PHONE, 'yes')).status).toBe(200);
    expect((await smsConsent(ids.ada)).map((row) => row.status)).toEqual(['granted', 'granted']);
  });

  it('answers HELP with the help text of the workspace that texted the contact last, XML-escaped, and changes nothing', async () => {
    await setHelpText(shop.workspaceId, { smsHelpText: 'Bean Shop <help>: beans & brews, beans.example/help. Reply STOP to unsubscribe.' });
    const before = await writes();
    // Neither workspace has texted the number: the one that has known the contact longest answers.
    const help = await twilioServer.receiveText(ADA_PHONE, 'help');
    expect(help).toMatchObject({ status: 200, replies: ['Bean Shop <help>: beans & brews, beans.example/help. Reply STOP to unsubscribe.'] });
    expect(help.body).toContain('&lt;help&gt;: beans &amp; brews');
    expect(help.contentType).toContain('text/xml');

    // After the other workspace texts Bea, it answers, with a default naming it.
    const name = (await database.db.prisma.workspace.findUniqueOrThrow({ where: { id: other.workspaceId } })).name;
    await database.db.prisma.communication.create({
      data: { workspaceId: other.workspaceId, contactId: ids.bea, channel: 'sms', status: 'sent', toAddress: ADA_PHONE, idempotencyKey: 'help-test-sms' },
    });
    expect((await twilioServer.receiveText(ADA_PHONE, 'INFO')).replies).toEqual([`${name}: reply STOP to unsubscribe, START to subscribe again. Msg & data rates may apply.`]);
    await setHelpText(other.workspaceId, { preferenceCenter: { brandName: 'Roastery' } });
    expect((await twilioServer.receiveText(ADA_PHONE, 'Help')).replies).toEqual(['Roastery: reply STOP to unsubscribe, START to subscribe again. Msg & data rates may apply.']);
    expect(await writes()).toEqual(before);
  });

  it('changes nothing for a text that is not a keyword, or from a number no contact has', async () => {
    const before = await writes();
    for (const [from, body] of [
      [ADA_PHONE, 'Please stop'],
      [ADA_PHONE, 'STOP.'],
      [ADA_PHONE, ''],
      ['+15005550009', 'STOP'],
      ['+15005550009', 'HELP'],
    ] as const) {
      expect(await twilioServer.receiveText(from, body)).toMatchObject({ status: 200, body: EMPTY_TWIML, replies: [] });
    }
    expect(await writes()).toEqual(before);
    expect(await members()).toEqual([ids.ada, ids.cy].sort());
  });

  it('refuses a text not signed with the account’s auth token (403) and changes nothing', async () => {
    const before = await writes();
    expect((await twilioServer.receiveText(ADA_PHONE, 'STOP', { signWith: 'not-the-auth-token-of-this-account' })).status).toBe(403);
    const unsigned = await fetch(twilioServer.incomingUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ MessageSid: `SM${'0'.repeat(32)}`, From: ADA_PHONE, To: twilioServer.number, Body: 'STOP' }).toString(),
    });
    expect(unsigned.status).toBe(403);
    expect(await writes()).toEqual(before);
    expect(await members()).toEqual([ids.ada, ids.cy].sort());
  });

  it('is not there when Twilio is not configured (404)', async () => {
    const bare = await journeyApp(database.db);
    try {
      const response = await bare.inject({
        method: 'POST',
        url: '/v1/callbacks/twilio/inbound',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ MessageSid: `SM${'0'.repeat(32)}`, From: ADA_PHONE, To: twilioServer.number, Body: 'STOP' }).toString(),
      });
      expect({ status: response.statusCode, code: response.json<{ error: { code: string } }>().error.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    } finally {
      await bare.close();
    }
  });
});
