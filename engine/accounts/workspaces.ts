import { validTimeZone } from '../../activities/journey/timing';
import { Prisma, type PrismaClient, type WorkspaceRole } from '../../prisma/generated/client';
import { AccountError } from './errors';

export interface NewWorkspace {
  readonly name: string;
  /** Derived from the name when omitted. */
  readonly slug?: string | undefined;
  readonly timezone?: string | undefined;
  readonly currency?: string | undefined;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

export const slugOf = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '') || 'workspace';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Checks name, time zone and currency as the workspace settings route does; errors name `<prefix>.<field>`. */
export function checkWorkspaceFields(input: { name?: string | undefined; timezone?: string | undefined; currency?: string | undefined }, prefix = 'body'): void {
  if (input.name !== undefined && (input.name.trim().length === 0 || input.name.length > 120)) throw new AccountError('invalid', 'must be 1 to 120 characters', `${prefix}.name`);
  if (input.timezone !== undefined && validTimeZone(input.timezone) === undefined) throw new AccountError('invalid', `"${input.timezone}" is not an IANA time zone (e.g. Europe/Paris)`, `${prefix}.timezone`);
  if (input.currency !== undefined && !CURRENCIES.has(input.currency)) throw new AccountError('invalid', `"${input.currency}" is not an ISO 4217 currency code (e.g. EUR)`, `${prefix}.currency`);
}

/**
 * Creates a workspace and, when a person creates it, makes them its admin in the same
 * transaction. A taken slug that was asked for is a conflict; a derived one gets a number.
 */
export async function createWorkspace(prisma: PrismaClient, input: NewWorkspace, creatorUserId: string | undefined): Promise<{ id: string; slug: string }> {
  checkWorkspaceFields(input);
  if (input.slug !== undefined && !SLUG.test(input.slug)) throw new AccountError('invalid', 'must be lower-case letters, digits and dashes (at most 48), starting and ending with a letter or digit', 'body.slug');
  const base = input.slug ?? slugOf(input.name);
  for (let attempt = 1; attempt <= 20; attempt += 1) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    try {
      return await prisma.$transaction(async (tx) => {
        const workspace = await tx.workspace.create({
          data: { name: input.name.trim(), slug, timezone: input.timezone ?? 'UTC', currency: input.currency ?? 'USD' },
          select: { id: true, slug: true },
        });
        if (creatorUserId) await tx.membership.create({ data: { userId: creatorUserId, workspaceId: workspace.id, role: 'admin' } });
        return workspace;
      });
    } catch (error) {
      const taken = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
      if (!taken) throw error;
      if (input.slug !== undefined) throw new AccountError('conflict', `the slug "${slug}" is taken`, 'body.slug');
    }
  }
  throw new AccountError('conflict', `too many workspaces are named like "${base}"; choose a slug`, 'body.slug');
}

export interface WorkspaceOfPerson {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly role: WorkspaceRole;
}

/** The workspaces a person may enter, with their role: every one for the owner (as admin). */
export async function workspacesOf(prisma: PrismaClient, userId: string, isOwner: boolean): Promise<WorkspaceOfPerson[]> {
  if (isOwner) {
    const all = await prisma.workspace.findMany({ orderBy: { createdAt: 'asc' }, select: { id: true, name: true, slug: true } });
    return all.map((workspace) => ({ ...workspace, role: 'admin' }));
  }
  const memberships = await prisma.membership.findMany({ where: { userId }, orderBy: { createdAt: 'asc' }, select: { role: true, workspace: { select: { id: true, name: true, slug: true } } } });
  return memberships.map(({ role, workspace }) => ({ ...workspace, role }));
}
