import type { Prisma } from '../generated/client';

/**
 * Demo segments. Dynamic criteria use the segment language of engine/crm/segments/criteria.ts;
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
  { name: 'Trade accounts', description: 'Wholesale and distributor accounts, maintained by the sales team', kind: 'static' },
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
