import type { ConsentStatus, PrismaClient } from '../../../prisma/generated/client';
import { CONSENT_CHANNELS, type ConsentChannel } from '../input';
import { readContactConsent, type TopicConsentView } from '../read';
import { consentSettingsOf } from '../settings';

/** One channel as the page offers it: its marketing consent and the workspace's topics on it. */
export interface ChannelChoice {
  readonly channel: ConsentChannel;
  /** Marketing consent on the channel; null when never decided. */
  readonly status: ConsentStatus | null;
  /** Where the channel reaches the contact (their email address or phone), when known. */
  readonly address: string | null;
  readonly topics: readonly TopicConsentView[];
}

export interface PreferenceCenter {
  readonly workspaceId: string;
  readonly contactId: string;
  readonly brand: BrandView;
  /** Double opt-in applies to a new email marketing grant made here too. */
  readonly doubleOptInEmail: boolean;
  readonly channels: readonly ChannelChoice[];
}

type Db = Pick<PrismaClient, 'workspace' | 'contact' | 'consent' | 'subscriptionTopic'>;

export interface BrandView {
  readonly name: string;
  readonly colour: string | undefined;
}

/** The name and colour a workspace's pages carry: its preference center settings, else its name. */
export async function loadBrand(prisma: Pick<PrismaClient, 'workspace'>, workspaceId: string): Promise<BrandView | undefined> {
  const workspace = await prisma.workspace.findUnique({ where: { id: workspaceId }, select: { name: true, settings: true } });
  return workspace ? brandOf(workspace) : undefined;
}

function brandOf(workspace: { name: string; settings: unknown }): BrandView {
  const settings = consentSettingsOf(workspace.settings).preferenceCenter;
  return { name: settings?.brandName ?? workspace.name, colour: settings?.brandColour };
}

/**
 * What one contact's preference center shows. Undefined when the workspace or contact no
 * longer exists (erased).
 */
export async function loadPreferenceCenter(prisma: Db, workspaceId: string, contactId: string): Promise<PreferenceCenter | undefined> {
  const workspace = await prisma.workspace.findUnique({ where: { id: workspaceId }, select: { name: true, settings: true } });
  const contact = await prisma.contact.findFirst({ where: { id: contactId, workspaceId }, select: { email: true, phone: true } });
  if (!workspace || !contact) return undefined;
  const settings = consentSettingsOf(workspace.settings);
  const consent = await readContactConsent(prisma, workspaceId, contactId);
  const marketing = new Map(consent.channels.filter((row) => row.purpose === 'marketing').map((row) => [row.channel, row.status]));
  const addresses: Partial<Record<ConsentChannel, string | null>> = { email: contact.email, sms: contact.phone };
  const channels = CONSENT_CHANNELS.flatMap((channel): ChannelChoice[] => {
    const status = marketing.get(channel) ?? null;
    const address = addresses[channel] ?? null;
    if (!offered(channel, address, status)) return [];
    return [{ channel, status, address, topics: consent.topics.filter((topic) => topic.channel === channel) }];
  });
  return {
    workspaceId,
    contactId,
    brand: brandOf(workspace),
    doubleOptInEmail: settings.doubleOptIn?.email === true,
    channels,
  };
}

/**
 * Email is offered to a contact with an address and SMS to one with a phone number; push and
 * WhatsApp (no address the engine knows) once a decision about them exists. A channel still
 * granted or pending is always shown, so it can be withdrawn. The page never asks about a
 * channel that cannot reach the contact.
 */
function offered(channel: ConsentChannel, address: string | null, status: ConsentStatus | null): boolean {
  if (status === 'granted' || status === 'pending') return true;
  if (channel === 'email' || channel === 'sms') return address !== null;
  return status !== null;
}
