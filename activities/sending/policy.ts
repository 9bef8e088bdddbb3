import { Type, type Static } from 'typebox';
import { check } from '../../engine/journey/compile/validators';
import { reusedPlan } from '../../engine/db/reused-plan';
import { Prisma, type Channel, type MessageType, type PrismaClient } from '../../prisma/generated/client';
import { msUntilWindow, validTimeZone } from '../journey/timing';

const TimeOfDay = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });

/**
 * A workspace's sending policy (`workspace.settings`). Quiet hours hold marketing messages
 * until the contact's morning (deferred, never dropped); frequency caps count every journey's
 * marketing messages per contact and channel.
 */
export const SendingPolicy = Type.Object({
  quietHours: Type.Optional(Type.Object({ from: TimeOfDay, to: TimeOfDay }, { additionalProperties: false })),
  frequencyCaps: Type.Optional(
    Type.Array(
      Type.Object(
        {
          channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
          max: Type.Integer({ minimum: 1, maximum: 1_000 }),
          windowHours: Type.Integer({ minimum: 1, maximum: 24 * 90 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
  ),
});
export type SendingPolicy = Static<typeof SendingPolicy>;

const isPolicy = (value: unknown): value is SendingPolicy => check(SendingPolicy, value);

export type PolicyVerdict = { kind: 'send' } | { kind: 'skip'; reason: string } | { kind: 'defer'; until: Date; reason: string };

/** Counts as "received" for caps: anything the provider accepted. */
const RECEIVED = ['sent', 'delivered', 'opened', 'clicked', 'replied'] as const;

/** Applies quiet hours and frequency caps to one marketing message; transactional ones pass. */
export async function policyVerdict(
  prisma: Pick<PrismaClient, '$queryRaw' | 'communication'>,
  message: { workspaceId: string; contactId: string; channel: Channel; messageType: MessageType; communicationId: string },
  now: Date,
): Promise<PolicyVerdict> {
  if (message.messageType !== 'marketing' || (message.channel !== 'email' && message.channel !== 'sms')) return { kind: 'send' };
  // The workspace's policy and both time zones in one statement: it runs before every marketing message.
  const [workspace] = await prisma.$queryRaw<{ settings: unknown; timezone: string | null; contact_timezone: string | null }[]>(reusedPlan(Prisma.sql`
    SELECT w.settings, w.timezone, (SELECT c.timezone FROM contact c WHERE c.id = ${message.contactId}::uuid AND c.workspace_id = w.id) AS contact_timezone
    FROM workspace w WHERE w.id = ${message.workspaceId}::uuid`));
  if (!workspace) return { kind: 'skip', reason: 'The workspace no longer exists.' };
  if (!isPolicy(workspace.settings)) return { kind: 'skip', reason: "The workspace's sending settings are invalid; fix them to send marketing messages." };
  const { quietHours, frequencyCaps = [] } = workspace.settings;

  for (const cap of frequencyCaps.filter((candidate) => candidate.channel === message.channel)) {
    const since = new Date(now.getTime() - cap.windowHours * 3_600_000);
    // Accepted ones, and ones whose provider call is under way (in doubt counts as sent).
    const count = await prisma.communication.count({
      where: {
        contactId: message.contactId,
        channel: message.channel,
        messageType: 'marketing',
        id: { not: message.communicationId },
        OR: [{ status: { in: [...RECEIVED] }, sentAt: { gte: since } }, { status: 'queued', provider: { not: null }, createdAt: { gte: since } }],
      },
    });
    if (count >= cap.max) return { kind: 'skip', reason: `Frequency cap: ${count} marketing ${message.channel} messages in the last ${cap.windowHours} hours (at most ${cap.max}).` };
  }

  if (quietHours) {
    const zone = validTimeZone(workspace.contact_timezone) ?? validTimeZone(workspace.timezone) ?? 'UTC';
    // Quiet from `from` to `to`: allowed is the window from `to` to `from`, every day.
    const wait = msUntilWindow(now.getTime(), zone, ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], quietHours.to, quietHours.from);
    if (wait > 0) return { kind: 'defer', until: new Date(now.getTime() + wait), reason: `Quiet hours ${quietHours.from}–${quietHours.to} in ${zone}.` };
  }
  return { kind: 'send' };
}
