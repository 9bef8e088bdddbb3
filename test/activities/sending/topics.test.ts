import { createActionRegistry } from '../../../activities/actions';
import { actionInputProblems, findAction } from '../../../engine/journey/catalog';
import { sendOnce, type Delivery, type SendRequest } from '../../../activities/sending';
import { changeConsent, putTopic, type FlatDecision } from '../../../engine/consent';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';

type Decision = 'granted' | 'withdrawn';
const emailMarketing = (decision: Decision): FlatDecision => ({ target: { kind: 'channel', channel: 'email', purpose: 'marketing' }, decision, field: 'consent.email.marketing' });
const topic = (key: string, decision: Decision): FlatDecision => ({ target: { kind: 'topic', topic: key }, decision, field: `consent.topics.${key}` });

describe.each(databaseKinds)('marketing on a subscription topic (sendOnce on %s)', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let workspaceId: string;
  let counter = 0;
  const accepted: string[] = [];
  const delivery = (key: string): Delivery => ({
    provider: 'test',
    deliver: async () => {
      accepted.push(key);
      return {};
    },
  });

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    const { prisma } = database.db;
    workspaceId = (await prisma.workspace.create({ data: { name: 'Shop', slug: 'shop' } })).id;
    await putTopic(prisma, workspaceId, 'newsletter', { name: 'Newsletter', channel: 'email' });
    await putTopic(prisma, workspaceId, 'offers', { name: 'Offers', channel: 'email', defaultSubscribed: true });
    await putTopic(prisma, workspaceId, 'texts', { name: 'Text alerts', channel: 'sms', defaultSubscribed: true });
    // Another workspace's topic of the same key is no topic of this one.
    const other = await prisma.workspace.create({ data: { name: 'Other', slug: 'other' } });
    await putTopic(prisma, other.id, 'gone', { name: 'Gone', channel: 'email', defaultSubscribed: true });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** A contact who made these decisions, and a marketing email on `key` to them. */
  async function request(key: string, ...decisions: FlatDecision[]): Promise<SendRequest> {
    counter += 1;
    const email = `t${counter}@example.com`;
    const { prisma } = database.db;
    const contact = await prisma.contact.create({ data: { workspaceId, email } });
    await changeConsent(prisma, workspaceId, contact.id, decisions, { source: 'admin', actor: 'system', at: new Date() });
    return { workspaceId, contactId: contact.id, channel: 'email', messageType: 'marketing', idempotencyKey: `topic-${counter}:mail:1`, toAddress: email, topic: key };
  }

  it.each<[string, () => Promise<SendRequest>]>([
    ['chose the opt-in topic', () => request('newsletter', emailMarketing('granted'), topic('newsletter', 'granted'))],
    ['never chose an opt-out topic', () => request('offers', emailMarketing('granted'))],
  ])('sends to a contact who %s', async (_case, make) => {
    const send = await make();
    expect(await sendOnce(database.db.prisma, send, delivery(send.idempotencyKey))).toMatchObject({ outcome: 'sent' });
    expect(accepted).toContain(send.idempotencyKey);
  });

  it.each<[string, () => Promise<SendRequest>, string]>([
    ['left the topic', () => request('newsletter', emailMarketing('granted'), topic('newsletter', 'withdrawn')), 'The contact unsubscribed from the topic Newsletter.'],
    ['left an opt-out topic', () => request('offers', emailMarketing('granted'), topic('offers', 'withdrawn')), 'The contact unsubscribed from the topic Offers.'],
    ['never chose the opt-in topic', () => request('newsletter', emailMarketing('granted')), 'The contact never subscribed to the opt-in topic Newsletter.'],
    // Channel consent comes first: a topic choice does not stand in for it.
    ['chose the topic but withdrew email marketing', () => request('newsletter', emailMarketing('withdrawn'), topic('newsletter', 'granted')), 'Marketing email consent is withdrawn.'],
    ['is sent a topic that does not exist here', () => request('gone', emailMarketing('granted')), 'The subscription topic "gone" does not exist in this workspace, so no contact can be subscribed to it.'],
    ['is sent an SMS topic by email', () => request('texts', emailMarketing('granted')), 'The topic Text alerts is for sms messages, not email.'],
  ])('skips a contact who %s, with the reason recorded and no provider call', async (_case, make, reason) => {
    const send = await make();
    expect(await sendOnce(database.db.prisma, send, delivery(send.idempotencyKey))).toEqual({ outcome: 'skipped', communicationId: expect.any(String), reason });
    expect(accepted).not.toContain(send.idempotencyKey);
    const row = await database.db.prisma.communication.findUniqueOrThrow({ where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey: send.idempotencyKey } } });
    expect(row).toMatchObject({ status: 'suppressed', error: reason, provider: null });
  });
});

describe('a topic on the email and SMS actions', () => {
  const actions = createActionRegistry();
  it.each(['email', 'sms'])('%s: a topic is accepted on marketing messages and refused on transactional ones', (actionId) => {
    const action = findAction(actions.catalog(), actionId, 1);
    if (!action) throw new Error(`no ${actionId} action`);
    const content = actionId === 'email' ? { subject: 'Hi', html: '<p>Hi</p>' } : { body: 'Hi' };
    expect(actionInputProblems(action, { ...content, topic: 'newsletter' })).toEqual([]);
    expect(actionInputProblems(action, { ...content, messageType: 'transactional', topic: 'newsletter' })).toEqual([{ field: 'topic', message: expect.stringContaining('marketing messages only') }]);
    expect(actionInputProblems(action, { ...content, topic: 'Not A Key' })).toEqual([expect.objectContaining({ field: 'topic' })]);
  });
});
