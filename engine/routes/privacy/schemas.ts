import { Type } from 'typebox';

export const ContactParams = Type.Object({ contactId: Type.String({ format: 'uuid' }) });

export const ExportReply = Type.Object({
  exportedAt: Type.String({ format: 'date-time' }),
  workspaceId: Type.String({ format: 'uuid' }),
  contactId: Type.String({ format: 'uuid' }),
  tables: Type.Record(Type.String(), Type.Unknown(), {
    description: 'One entry per table, named after it: "contact" (the profile), "consent", "consent_event", "event", "order", "order_item", "communication", "segment_membership", "loyalty_transaction", "journey_enrollment", "node_execution", ... Rows as stored; timestamps in ISO 8601, amounts as decimal strings.',
  }),
});

const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('push'), Type.Literal('whatsapp'), Type.Literal('webhook')]);

export const ErasureReply = Type.Object({
  erasureId: Type.String({ format: 'uuid', description: 'Identifies the erasure in the server log; keep it as the record of the request.' }),
  contactId: Type.String({ format: 'uuid' }),
  erasedAt: Type.String({ format: 'date-time' }),
  journeysCancelled: Type.Integer({ description: 'Running journey runs cancelled before the data went.' }),
  suppressedChannels: Type.Array(Channel, { description: 'Channels whose address is now suppressed, stored only as a hash.' }),
  segmentExitsAnnounced: Type.Integer(),
  deleted: Type.Record(Type.String(), Type.Integer(), { description: 'Rows removed per table that referenced the contact; "contact" is the contact itself.' }),
  traces: Type.Object({
    anonymousEvents: Type.Integer({ description: 'Events of the same visitor from before they were identified.' }),
    outboxEntries: Type.Integer({ description: 'Change announcements naming the contact.' }),
    localOutboxMessages: Type.Integer({ description: 'Copies of messages to the contact in the local outbox.' }),
  }),
});
