import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../../engine/db';
import { loadCrmContext } from '../../../engine/crm/context';
import { saveSegment } from '../../../engine/crm/segments/store';

/**
 * A workspace for the pages contacts open from email (preference center, double opt-in):
 * three topics (an opt-in and an opt-out on email, one on SMS), a contact with an address, and
 * the two dynamic segments the preference center must move at once. `subscribed`: the contact
 * has email marketing granted and chose the newsletter (so is in both segments).
 */
export async function consentPagesWorkspace(db: Database, options: { name: string; settings?: object; contact?: { email?: string | null; phone?: string | null }; subscribed?: boolean }) {
  const { prisma } = db;
  const slug = `${options.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Math.random().toString(36).slice(2, 8)}`;
  const workspace = await prisma.workspace.create({ data: { name: options.name, slug, settings: { consent: options.settings ?? {} } } });
  const workspaceId = workspace.id;
  await prisma.subscriptionTopic.createMany({
    data: [
      { workspaceId, key: 'newsletter', name: 'Monthly newsletter', description: 'New roasts and brewing guides.', channel: 'email', defaultSubscribed: false },
      { workspaceId, key: 'promotions', name: 'Offers', description: null, channel: 'email', defaultSubscribed: true },
      { workspaceId, key: 'flash', name: 'Flash sales by text', description: 'A text when a lot goes on sale.', channel: 'sms', defaultSubscribed: false },
    ],
  });
  const contact = await prisma.contact.create({ data: { workspaceId, email: 'ada@example.com', firstName: 'Ada', ...options.contact } });
  if (options.subscribed) {
    await prisma.consent.create({ data: { workspaceId, contactId: contact.id, channel: 'email', messageType: 'marketing', status: 'granted', source: 'api' } });
    const newsletter = await prisma.subscriptionTopic.findFirstOrThrow({ where: { workspaceId, key: 'newsletter' } });
    await prisma.topicSubscription.create({ data: { workspaceId, contactId: contact.id, topicId: newsletter.id, status: 'granted', source: 'api' } });
  }
  // Saved after the consent, so their first evaluation finds the contact.
  const context = await loadCrmContext(prisma, workspaceId, new Date());
  const readers = await saveSegment(prisma, context, { name: 'Newsletter readers', kind: 'dynamic', criteria: { type: 'topic', topic: 'newsletter', subscribed: true } });
  const subscribers = await saveSegment(prisma, context, { name: 'Email subscribers', kind: 'dynamic', criteria: { type: 'consent', channel: 'email', status: 'granted' } });
  return { workspaceId, contactId: contact.id, segments: { readers: readers.id, subscribers: subscribers.id } };
}

/** The segments (by id) the contact is a member of now. */
export async function membershipsOf(db: Database, contactId: string): Promise<string[]> {
  return (await db.prisma.segmentMembership.findMany({ where: { contactId }, select: { segmentId: true } })).map((row) => row.segmentId).sort();
}

/** Posts an HTML form as a browser does (repeated names for several ticked boxes). */
export function postForm(app: FastifyInstance, url: string, fields: readonly (readonly [string, string])[], userAgent = 'Mozilla/5.0 (test browser)'): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': userAgent },
    payload: new URLSearchParams(fields.map(([name, value]): [string, string] => [name, value])).toString(),
    remoteAddress: '203.0.113.7',
  });
}

/** The `checked` state of each checkbox on a page, by id. */
export function checkboxes(page: string): Record<string, boolean> {
  const states: Record<string, boolean> = {};
  for (const match of page.matchAll(/<input type="checkbox" id="([^"]+)"[^>]*>/g)) states[match[1] ?? ''] = / checked(?=[\s>])/.test(match[0]);
  return states;
}
