import type { PrismaClient } from '../../../prisma/generated/client';
import { consentSettingsOf } from '../settings';
import type { PhoneOwner } from './recipients';

type Reader = Pick<PrismaClient, 'communication' | 'workspace'>;

/** Said when the workspace set no help text: who is texting, and how to stop it (what carriers require of a HELP answer). */
export const defaultSmsHelpText = (brand: string): string => `${brand}: reply STOP to unsubscribe, START to subscribe again. Msg & data rates may apply.`;

/**
 * The answer to HELP, in the voice of the workspace the contact most likely knows: the one
 * that texted them last, else the one that has known them longest. Its `smsHelpText`, or a
 * default naming its brand (the preference center's brand name, else the workspace's name).
 */
export async function smsHelpFor(prisma: Reader, owners: readonly PhoneOwner[]): Promise<{ workspaceId: string; text: string } | undefined> {
  const first = owners[0];
  if (!first) return undefined;
  const lastText = await prisma.communication.findFirst({
    where: { contactId: { in: owners.map((owner) => owner.contactId) }, channel: 'sms', direction: 'outbound' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { workspaceId: true },
  });
  const workspaceId = lastText?.workspaceId ?? first.workspaceId;
  const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true, settings: true } });
  const settings = consentSettingsOf(workspace.settings);
  return { workspaceId, text: settings.smsHelpText ?? defaultSmsHelpText(settings.preferenceCenter?.brandName ?? workspace.name) };
}
