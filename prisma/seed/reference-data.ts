import type { Prisma } from '../generated/client';

/**
 * Demo segments. Dynamic criteria use the segment language of engine/journey/conditions/language.ts;
 * `dependsOn` is what the engine derives from them (it re-evaluates and checks it at start-up).
 */
export const DEMO_SEGMENTS: readonly Omit<Prisma.SegmentCreateManyInput, 'workspaceId'>[] = [
  {
    name: 'VIP customers',
    description: 'Contacts whose status is VIP',
    kind: 'dynamic',
    criteria: { type: 'attribute', field: 'status', operator: 'equals', value: 'vip' },
    dependsOn: ['contact:status'],
  },
  {
    name: 'At risk',
    description: 'Bought before, but not in the last five months',
    kind: 'dynamic',
    criteria: { all: [{ type: 'order', measure: 'order_count', operator: 'gte', value: 1 }, { type: 'order', measure: 'days_since_last_order', operator: 'gt', value: 150 }] },
    dependsOn: ['order'],
    timeBased: true,
  },
  {
    name: 'Email subscribers',
    description: 'Granted email marketing consent',
    kind: 'dynamic',
    criteria: { type: 'consent', channel: 'email', status: 'granted' },
    dependsOn: ['consent:email'],
  },
  {
    name: 'Newsletter readers',
    description: 'Receive the monthly newsletter (email consent and the newsletter topic)',
    kind: 'dynamic',
    criteria: { type: 'topic', topic: 'newsletter', subscribed: true },
    dependsOn: ['consent:email', 'consent:push', 'consent:sms', 'consent:whatsapp', 'topic:newsletter'],
  },
  { name: 'Trade accounts', description: 'Wholesale and distributor accounts, maintained by the sales team', kind: 'static' },
];

/** Subscription topics: the choices the preference center offers inside each channel's marketing consent. */
export const DEMO_TOPICS: readonly Omit<Prisma.SubscriptionTopicCreateManyInput, 'workspaceId'>[] = [
  { key: 'newsletter', name: 'Monthly newsletter', description: 'Roast notes, brewing guides and stories from our growers.', channel: 'email', defaultSubscribed: true },
  { key: 'offers', name: 'Offers and new coffees', description: 'Limited lots, seasonal blends and member prices.', channel: 'email', defaultSubscribed: true },
  { key: 'events', name: 'Tastings and events', description: 'Invitations to cuppings and roastery open days near you.', channel: 'email', defaultSubscribed: false },
  { key: 'restock-texts', name: 'Restock alerts', description: 'A text when a coffee you bought is back.', channel: 'sms', defaultSubscribed: false },
];

export const DEMO_TEMPLATES: readonly Omit<Prisma.MessageTemplateCreateManyInput, 'workspaceId'>[] = [
  {
    name: 'Welcome',
    channel: 'email',
    subject: 'Welcome to Northwind Roasters, {{ contact.firstName | default: "friend" }}',
    body: '<h1>Welcome, {{ contact.firstName | default: "friend" }}!</h1><p>Your first bag is on us with code WELCOME.</p>',
    textBody: 'Welcome, {{ contact.firstName | default: "friend" }}! Your first bag is on us with code WELCOME.',
  },
  {
    name: 'Order thank-you',
    channel: 'email',
    subject: 'Thanks for your order',
    // Sent from journeys started by the shop's "Order Completed" event (Segment's e-commerce spec: total, currency).
    body: '<p>Thanks for your order of {{ event.properties.total }} {{ event.properties.currency }}. We are roasting it now.</p>',
    textBody: 'Thanks for your order of {{ event.properties.total }} {{ event.properties.currency }}. We are roasting it now.',
  },
  {
    name: 'Win-back 15% off',
    channel: 'email',
    subject: 'We miss you, {{ contact.firstName }}',
    body: '<p>It has been a while. Here is 15% off your next order: <strong>COMEBACK15</strong>.</p>',
    textBody: 'It has been a while. Here is 15% off your next order: COMEBACK15.',
  },
  {
    name: 'Cart reminder',
    channel: 'sms',
    subject: null,
    body: 'Northwind: your cart is waiting, {{ contact.firstName }}. Reply STOP to opt out.',
    textBody: null,
  },
];
