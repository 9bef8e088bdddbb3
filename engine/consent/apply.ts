import type { ConsentStatus, Prisma } from '../../prisma/generated/client';
import { applyContactChange, lockContactsForChange } from '../crm/changes/contact-changed';
import { appendToOutbox } from '../crm/changes/outbox';
import type { CrmChange } from '../crm/changes/topics';
import type { CrmContext } from '../crm/context';
import { dependency, type DependencyKey } from '../crm/segments/dependencies';
import { ConsentInvalidError } from './errors';
import type { ConsentChannel, FlatDecision } from './input';
import { lockContactSends } from './lock';
import type { ConsentProvenance, ConsentSource } from './provenance';
import { consentSettingsOf } from './settings';

/** One state that moved: what segments, triggers and the caller learn. */
export interface ConsentStateChange {
  readonly channel: ConsentChannel;
  readonly purpose: 'marketing' | 'transactional';
  /** The topic's key for a topic decision; null for the channel's own consent. */
  readonly topic: string | null;
  readonly from: ConsentStatus | null;
  readonly to: ConsentStatus;
}

export interface ConsentResult {
  /** Decisions that changed a state (every decision is in the history, changed or not). */
  readonly changed: ConsentStateChange[];
  /** Channels whose marketing grant now waits for the contact to confirm (double opt-in). */
  readonly awaitingConfirmation: ConsentChannel[];
}

export interface ApplyOptions {
  /**
   * A decision that restates the current state is still a request worth keeping in the
   * history when someone made it on purpose (the consent route, a link, a keyword). Syncs that
   * send a contact's whole state every time (upsert, identify, import) skip restatements, so
   * a re-run writes nothing.
   */
  readonly skipRestatements?: boolean;
}

/** Who may grant email marketing without the contact confirming: the confirmation itself, an admin, an import the importer vouches for. */
const CONFIRMED_SOURCES: ReadonlySet<ConsentSource> = new Set(['double_opt_in', 'admin', 'import']);

/**
 * The one path every consent decision takes, inside the caller's transaction: the current
 * state and its history entry, the `consent.changed` events, and the dependent segments all
 * commit together with whatever else the caller writes. Takes the contact's CRM lock and then
 * its send lock, so a withdrawal can never slip between a send's consent check and its
 * provider call. A grant of email marketing becomes `pending` when the workspace asks for
 * double opt-in. Refuses (before writing) a topic the workspace does not define.
 */
export async function applyConsent(
  tx: Prisma.TransactionClient,
  context: CrmContext,
  contactId: string,
  decisions: readonly FlatDecision[],
  provenance: ConsentProvenance,
  options: ApplyOptions = {},
): Promise<ConsentResult> {
  if (decisions.length === 0) return { changed: [], awaitingConfirmation: [] };
  const { workspaceId } = context;
  const topics = await topicsNamed(tx, workspaceId, decisions);
  await lockContactsForChange(tx, [contactId]);
  await lockContactSends(tx, contactId);
  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { settings: true } });
  const doubleOptInEmail = consentSettingsOf(workspace.settings).doubleOptIn?.email === true;

  const changed: ConsentStateChange[] = [];
  const awaitingConfirmation = new Set<ConsentChannel>();
  const history = { workspaceId, contactId, source: provenance.source, actor: provenance.actor, occurredAt: provenance.at, ...proofOf(provenance) };
  for (const { target, decision } of decisions) {
    if (target.kind === 'channel') {
      const key = { contactId, channel: target.channel, messageType: target.purpose };
      const current = await tx.consent.findUnique({ where: { contactId_channel_messageType: key }, select: { status: true } });
      const needsConfirmation =
        decision === 'granted' && doubleOptInEmail && target.channel === 'email' && target.purpose === 'marketing' && current?.status !== 'granted' && !CONFIRMED_SOURCES.has(provenance.source);
      const status: ConsentStatus = needsConfirmation ? 'pending' : decision;
      if (options.skipRestatements && current?.status === status) continue;
      if (needsConfirmation) awaitingConfirmation.add(target.channel);
      await tx.consent.upsert({
        where: { contactId_channel_messageType: key },
        create: { ...key, workspaceId, status, source: provenance.source, updatedAt: provenance.at },
        update: { status, source: provenance.source, updatedAt: provenance.at },
      });
      await tx.consentEvent.create({ data: { ...history, channel: target.channel, messageType: target.purpose, status } });
      if (current?.status !== status) changed.push({ channel: target.channel, purpose: target.purpose, topic: null, from: current?.status ?? null, to: status });
    } else {
      const topic = topics.get(target.topic);
      if (!topic) throw new Error(`topic ${target.topic} was resolved above`);
      const key = { contactId, topicId: topic.id };
      const current = await tx.topicSubscription.findUnique({ where: { contactId_topicId: key }, select: { status: true } });
      if (options.skipRestatements && current?.status === decision) continue;
      await tx.topicSubscription.upsert({
        where: { contactId_topicId: key },
        create: { ...key, workspaceId, status: decision, source: provenance.source, updatedAt: provenance.at },
        update: { status: decision, source: provenance.source, updatedAt: provenance.at },
      });
      await tx.consentEvent.create({ data: { ...history, channel: topic.channel, messageType: 'marketing', topic: target.topic, status: decision } });
      if (current?.status !== decision) changed.push({ channel: topic.channel, purpose: 'marketing', topic: target.topic, from: current?.status ?? null, to: decision });
    }
  }

  if (changed.length > 0) {
    await appendToOutbox(tx, workspaceId, changed.map(({ topic, ...change }): CrmChange => ({ topic: 'consent.changed', contactId, ...change, subscriptionTopic: topic, source: provenance.source })));
    await applyContactChange(tx, { workspaceId, contactIds: [contactId], touched: touchedBy(changed), now: context.now }, context);
  }
  return { changed, awaitingConfirmation: [...awaitingConfirmation] };
}

/** Changed states named as the input names them: `consent.email.marketing`, `consent.topics.newsletter`. */
export function changedFields(changes: readonly ConsentStateChange[]): string[] {
  return changes.map((change) => (change.topic === null ? `consent.${change.channel}.${change.purpose}` : `consent.topics.${change.topic}`));
}

/** What segments reading consent must re-check: the channel, and the topic for a topic decision. */
export function touchedBy(changes: readonly Pick<ConsentStateChange, 'channel' | 'topic'>[]): DependencyKey[] {
  const keys = new Set<DependencyKey>();
  for (const change of changes) keys.add(change.topic === null ? dependency.consent(change.channel) : dependency.topic(change.topic));
  return [...keys];
}

async function topicsNamed(tx: Prisma.TransactionClient, workspaceId: string, decisions: readonly FlatDecision[]): Promise<Map<string, { id: string; channel: ConsentChannel }>> {
  const wanted = decisions.flatMap((decision) => (decision.target.kind === 'topic' ? [{ key: decision.target.topic, field: decision.field }] : []));
  if (wanted.length === 0) return new Map();
  const rows = await tx.subscriptionTopic.findMany({ where: { workspaceId, key: { in: wanted.map((topic) => topic.key) } }, select: { id: true, key: true, channel: true } });
  const found = new Map<string, { id: string; channel: ConsentChannel }>();
  for (const row of rows) {
    // Topics are defined for message channels only (topics.ts refuses others).
    if (row.channel === 'webhook') continue;
    found.set(row.key, { id: row.id, channel: row.channel });
  }
  const unknown = wanted.find((topic) => !found.has(topic.key));
  if (unknown) throw new ConsentInvalidError(unknown.field, 'is not a subscription topic of this workspace (GET /v1/consent/topics lists them)');
  return found;
}

function proofOf(provenance: ConsentProvenance): Pick<Prisma.ConsentEventUncheckedCreateInput, 'ipAddress' | 'userAgent' | 'formId' | 'reason'> {
  return {
    ipAddress: provenance.ipAddress ?? null,
    userAgent: provenance.userAgent?.slice(0, 500) ?? null,
    formId: provenance.formId ?? null,
    reason: provenance.reason ?? null,
  };
}
