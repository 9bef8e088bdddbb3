import type { SendingPolicy } from '../../activities/sending/policy';
import type { PrismaClient } from '../../prisma/generated/client';
import { toJsonColumn } from '../db/json';
import { auditValueOf, type AuditSummary } from '../audit/entry';
import { crmSettingsOf, InvalidCrmSettingsError, resolveCrmSettings, type CrmSettings } from '../crm/settings';
import { AccountError } from './errors';
import { checkWorkspaceFields } from './workspaces';

export interface WorkspaceSettingsView {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly timezone: string;
  readonly currency: string;
  readonly sendingPolicy: SendingPolicy;
  /** Complete: the stored subset with every default filled in. */
  readonly crm: CrmSettings;
}

export interface WorkspaceSettingsChange {
  readonly name?: string | undefined;
  readonly timezone?: string | undefined;
  readonly currency?: string | undefined;
  readonly sendingPolicy?: SendingPolicy | undefined;
  /** Any subset; what is left out takes its default. Replaces the stored CRM settings. */
  readonly crm?: Record<string, unknown> | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const policyOf = (settings: Record<string, unknown>): SendingPolicy => {
  const { quietHours, frequencyCaps } = settings;
  // Stored by this module only, after validation against SendingPolicy.
  return { ...(isRecord(quietHours) && { quietHours: { from: String(quietHours.from), to: String(quietHours.to) } }), ...(Array.isArray(frequencyCaps) && { frequencyCaps: frequencyCaps.filter(isRecord).map((cap) => ({ channel: cap.channel === 'sms' ? 'sms' : 'email', max: Number(cap.max), windowHours: Number(cap.windowHours) })) }) };
};

export async function workspaceSettings(prisma: Pick<PrismaClient, 'workspace'>, workspaceId: string): Promise<WorkspaceSettingsView> {
  const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { id: true, name: true, slug: true, timezone: true, currency: true, settings: true } });
  const settings = isRecord(workspace.settings) ? workspace.settings : {};
  return { id: workspace.id, name: workspace.name, slug: workspace.slug, timezone: workspace.timezone, currency: workspace.currency, sendingPolicy: policyOf(settings), crm: crmSettingsOf(settings) };
}

/**
 * Changes a workspace's settings; only the fields given change. The sending policy and CRM
 * settings live in `workspace.settings` beside other blocks (consent) that stay as they are.
 * Returns the before/after of what changed, for the audit row.
 */
export async function changeWorkspaceSettings(prisma: PrismaClient, workspaceId: string, change: WorkspaceSettingsChange): Promise<{ view: WorkspaceSettingsView; summary: AuditSummary }> {
  checkWorkspaceFields(change);
  if (change.crm !== undefined) {
    try {
      resolveCrmSettings(change.crm);
    } catch (error) {
      if (error instanceof InvalidCrmSettingsError) throw new AccountError('invalid', error.message, 'body.crm');
      throw error;
    }
  }
  return prisma.$transaction(async (tx) => {
    const before = await workspaceSettings(tx, workspaceId);
    const stored = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { settings: true } });
    const settings: Record<string, unknown> = { ...(isRecord(stored.settings) ? stored.settings : {}) };
    if (change.sendingPolicy !== undefined) {
      delete settings.quietHours;
      delete settings.frequencyCaps;
      Object.assign(settings, change.sendingPolicy);
    }
    if (change.crm !== undefined) settings.crm = change.crm;
    await tx.workspace.update({
      where: { id: workspaceId },
      data: { ...(change.name !== undefined && { name: change.name.trim() }), ...(change.timezone !== undefined && { timezone: change.timezone }), ...(change.currency !== undefined && { currency: change.currency }), settings: toJsonColumn(settings) },
    });
    const after = await workspaceSettings(tx, workspaceId);
    const summary: Record<string, { before: ReturnType<typeof auditValueOf>; after: ReturnType<typeof auditValueOf> }> = {};
    for (const field of ['name', 'timezone', 'currency', 'sendingPolicy', 'crm'] as const) {
      if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) summary[field] = { before: auditValueOf(before[field]), after: auditValueOf(after[field]) };
    }
    return { view: after, summary };
  });
}
