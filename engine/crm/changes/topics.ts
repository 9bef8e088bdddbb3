/**
 * The change events the CRM produces, written to the transactional outbox (`outbox_entry`)
 * in the same transaction as the change itself, and consumed by the trigger dispatcher.
 * `topic` is the outbox topic; the rest is the payload.
 */
export type CrmChange =
  | { topic: 'segment.entered' | 'segment.exited'; contactId: string; segmentId: string; source: string }
  | { topic: 'score.changed'; contactId: string; model: ScoreModelName; field: string; from: number | null; to: number | null }
  | { topic: 'rfm.segment_changed'; contactId: string; from: string | null; to: string }
  | { topic: 'lifecycle.stage_changed'; contactId: string; from: string | null; to: string; reason: string }
  | { topic: 'journey_stage.changed'; contactId: string; from: string | null; to: string; reason: string }
  | { topic: 'lead.qualification_changed'; contactId: string; from: string; to: string }
  | { topic: 'loyalty.tier_changed'; contactId: string; programId: string; fromTierId: string | null; toTierId: string | null; reason: string }
  /** An ingested event (track, batch): what event triggers start on and waiting runs receive. */
  | { topic: 'event.tracked'; contactId: string; eventId: string; name: string; messageId: string; occurredAt: string; properties: Record<string, unknown> }
  /** A profile field or custom attribute changed (identify, upsert, a journey step): `field` as segments name it, e.g. `attributes.plan`. */
  | { topic: 'contact.attribute_changed'; contactId: string; field: string; from: unknown; to: unknown }
  /** Consent moved on a channel and purpose, or on a subscription topic (its key; null for the channel's own consent). */
  | {
      topic: 'consent.changed';
      contactId: string;
      channel: 'email' | 'sms' | 'push' | 'whatsapp';
      purpose: 'marketing' | 'transactional';
      subscriptionTopic: string | null;
      from: 'granted' | 'withdrawn' | 'pending' | null;
      to: 'granted' | 'withdrawn' | 'pending';
      source: string;
    };

export type CrmChangeTopic = CrmChange['topic'];

/** The score models, with the one number per model that thresholds are set on. */
export type ScoreModelName = 'rfm' | 'clv' | 'lead' | 'churn_risk' | 'engagement' | 'health';
