/**
 * What the audit log records for each writing route, declared as data so one test can hold
 * the table against the OpenAPI document: a writing route without a line here fails it, and
 * so does a line for a route that no longer exists.
 *
 * Keys are `METHOD path` exactly as the served OpenAPI document spells them (fastify's `:id`
 * written `{id}`, trailing slashes kept).
 */

/** Where the target's id comes from: a path parameter, a field of the (2xx) reply (dotted for nested), or the workspace. */
export type TargetSource =
  | { readonly type: string; readonly param: string }
  | { readonly type: string; readonly replyField: string }
  /** The request's own workspace (its settings). */
  | { readonly type: 'workspace'; readonly workspace: true }
  /** The person acting on their own account (signing in, joining, changing their password). */
  | { readonly type: 'user'; readonly actor: true };

export interface Audited {
  readonly action: string;
  readonly target: TargetSource;
  /**
   * Reply fields copied into the summary. Only numbers and booleans are ever copied (a string
   * field could carry an address or a name), so a count or a version is all a reply can add.
   */
  readonly replyCounts?: readonly string[];
}

export interface NotAudited {
  readonly notAudited: string;
}

export type AuditDeclaration = Audited | NotAudited;

export const isAudited = (declaration: AuditDeclaration): declaration is Audited => 'action' in declaration;

const readsOnly = { notAudited: 'computes an answer and writes nothing' } as const;
// The contact acts on its own data through a signed link or a text message: there is no key
// or person to name, and the consent history already records each decision with its source,
// proof and time (engine/consent), so an audit row would only repeat it.
const contactOwn = { notAudited: "the contact's own action (signed link or SMS), recorded in the consent history" } as const;

export const AUDIT_DECLARATIONS: Readonly<Record<string, AuditDeclaration>> = {
  'POST /hello': { notAudited: 'the demo greeting; writes nothing' },

  'POST /v1/journeys/': { action: 'journey.created', target: { type: 'journey', replyField: 'journeyId' }, replyCounts: ['version', 'revision'] },
  'PUT /v1/journeys/drafts': { action: 'journey.draft_saved', target: { type: 'journey', replyField: 'journeyId' }, replyCounts: ['version', 'created'] },
  // The canvas autosaves through this one: one row per save, as for journeys as code.
  'PUT /v1/journeys/{journeyId}/draft': { action: 'journey.draft_saved', target: { type: 'journey', param: 'journeyId' }, replyCounts: ['version', 'revision'] },
  'POST /v1/journeys/{journeyId}/lint': readsOnly,
  'POST /v1/journeys/{journeyId}/publish': { action: 'journey.published', target: { type: 'journey', param: 'journeyId' }, replyCounts: ['version', 'alreadyPublished'] },
  'POST /v1/journeys/{journeyId}/pause': { action: 'journey.paused', target: { type: 'journey', param: 'journeyId' } },
  'POST /v1/journeys/{journeyId}/resume': { action: 'journey.resumed', target: { type: 'journey', param: 'journeyId' } },
  'POST /v1/journeys/{journeyId}/archive': { action: 'journey.archived', target: { type: 'journey', param: 'journeyId' } },
  'POST /v1/journeys/{journeyId}/enrollments/{enrollmentId}/cancel': { action: 'enrollment.cancelled', target: { type: 'enrollment', param: 'enrollmentId' } },
  'POST /v1/journeys/{journeyId}/enroll': { action: 'journey.contacts_enrolled', target: { type: 'journey', param: 'journeyId' }, replyCounts: ['version'] },
  'POST /v1/journeys/{journeyId}/enroll-segment': { action: 'journey.segment_enrolled', target: { type: 'journey', param: 'journeyId' } },

  'PUT /v1/segments/': { action: 'segment.saved', target: { type: 'segment', replyField: 'segmentId' }, replyCounts: ['entered', 'exited'] },
  'POST /v1/segments/preview': readsOnly,
  'POST /v1/segments/{segmentId}/members': { action: 'segment.members_added', target: { type: 'segment', param: 'segmentId' }, replyCounts: ['changed'] },
  'DELETE /v1/segments/{segmentId}/members': { action: 'segment.members_removed', target: { type: 'segment', param: 'segmentId' }, replyCounts: ['changed'] },
  'POST /v1/segments/{segmentId}/import': { action: 'segment.members_imported', target: { type: 'segment', param: 'segmentId' }, replyCounts: ['rows', 'added'] },
  'DELETE /v1/segments/{segmentId}': { action: 'segment.deleted', target: { type: 'segment', param: 'segmentId' } },

  'POST /v1/templates/': { action: 'template.created', target: { type: 'template', replyField: 'id' } },
  'PUT /v1/templates/{templateId}': { action: 'template.updated', target: { type: 'template', param: 'templateId' } },
  'DELETE /v1/templates/{templateId}': { action: 'template.deleted', target: { type: 'template', param: 'templateId' } },
  'POST /v1/templates/{templateId}/preview': readsOnly,

  'PUT /v1/contacts/': { action: 'contact.upserted', target: { type: 'contact', replyField: 'contact.id' }, replyCounts: ['created'] },
  'POST /v1/contacts/import': { action: 'contacts.imported', target: { type: 'workspace', workspace: true }, replyCounts: ['rows', 'created', 'updated', 'unchanged', 'invalidNotListed'] },
  'DELETE /v1/contacts/{contactId}': { action: 'contact.deleted', target: { type: 'contact', param: 'contactId' } },
  'POST /v1/contacts/{contactId}/merge': { action: 'contact.merged', target: { type: 'contact', param: 'contactId' } },
  'POST /v1/contacts/{contactId}/consent': { action: 'consent.changed', target: { type: 'contact', param: 'contactId' } },
  // A data export hands everything about a person to the caller: recorded although it reads.
  'GET /v1/contacts/{contactId}/export': { action: 'contact.exported', target: { type: 'contact', param: 'contactId' } },
  'POST /v1/contacts/{contactId}/erase': { action: 'contact.erased', target: { type: 'contact', param: 'contactId' }, replyCounts: ['journeysCancelled', 'segmentExitsAnnounced'] },

  'PUT /v1/consent/settings': { action: 'consent_settings.updated', target: { type: 'workspace', workspace: true } },
  'PUT /v1/consent/topics/{key}': { action: 'topic.saved', target: { type: 'topic', param: 'key' } },
  'DELETE /v1/consent/topics/{key}': { action: 'topic.deleted', target: { type: 'topic', param: 'key' } },

  'POST /v1/scores/recompute': { action: 'scores.recompute_started', target: { type: 'recompute_run', replyField: 'runId' } },

  // Ingestion is high-volume machine traffic: one row per request (a batch of 500 is one row
  // with its counts), never one per item, and nothing from the payload but counts.
  'POST /v1/track': { action: 'events.tracked', target: { type: 'contact', replyField: 'contactId' }, replyCounts: ['duplicate'] },
  'POST /v1/identify': { action: 'contact.identified', target: { type: 'contact', replyField: 'contactId' }, replyCounts: ['created'] },
  'POST /v1/orders': { action: 'order.recorded', target: { type: 'order', replyField: 'orderId' } },
  'POST /v1/batch': { action: 'events.ingested', target: { type: 'workspace', workspace: true }, replyCounts: ['ok', 'duplicate', 'error'] },

  // The reply carries the new key's secret: only its id is taken (replyCounts copy no strings).
  'POST /v1/api-keys/': { action: 'apikey.created', target: { type: 'api_key', replyField: 'id' } },
  'DELETE /v1/api-keys/{keyId}': { action: 'apikey.revoked', target: { type: 'api_key', param: 'keyId' } },

  // People and their access. Rows name the person by id only; the members list shows who it is.
  'POST /v1/session': { action: 'session.signed_in', target: { type: 'user', actor: true } },
  'DELETE /v1/session': { action: 'session.signed_out', target: { type: 'user', actor: true } },
  'DELETE /v1/sessions': { action: 'session.signed_out_everywhere', target: { type: 'user', actor: true }, replyCounts: ['ended'] },
  'PUT /v1/session/workspace': { notAudited: 'moves a session between workspaces its person may enter; changes no data' },
  'PUT /v1/me/password': { action: 'user.password_changed', target: { type: 'user', actor: true }, replyCounts: ['sessionsEnded'] },
  'POST /setup': { action: 'owner.created', target: { type: 'user', actor: true } },
  'POST /v1/workspaces': { action: 'workspace.created', target: { type: 'workspace', replyField: 'id' } },
  'PATCH /v1/workspace': { action: 'workspace.settings_changed', target: { type: 'workspace', workspace: true } },
  'PUT /v1/members/{userId}': { action: 'member.role_changed', target: { type: 'user', param: 'userId' } },
  'DELETE /v1/members/{userId}': { action: 'member.removed', target: { type: 'user', param: 'userId' } },
  'POST /v1/invitations': { action: 'member.invited', target: { type: 'invitation', replyField: 'id' } },
  'DELETE /v1/invitations/{invitationId}': { action: 'invitation.withdrawn', target: { type: 'invitation', param: 'invitationId' } },
  'POST /v1/invitations/accept': { action: 'member.joined', target: { type: 'user', actor: true } },
  'POST /invitations/{token}': { action: 'member.joined', target: { type: 'user', actor: true } },

  'POST /unsubscribe/{token}': contactOwn,
  'POST /preferences/{token}': contactOwn,
  'POST /confirm/{token}': contactOwn,
  'POST /v1/callbacks/twilio/status': { notAudited: "Twilio's signed delivery reports: the message's delivery history records them" },
  'POST /v1/callbacks/twilio/inbound': contactOwn,
};

/** `/v1/journeys/:journeyId/publish` (fastify) → `/v1/journeys/{journeyId}/publish` (OpenAPI). */
export const openApiPath = (fastifyUrl: string): string => fastifyUrl.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
