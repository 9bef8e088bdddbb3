import type { MessageTemplate, PrismaClient } from '../../prisma/generated/client';
import { isUniqueViolation } from '../db/unique-violation';
import { TemplateNameTakenError, TemplateNotFoundError } from './errors';
import { checkedTemplate, type TemplateInput } from './input';

type Db = Pick<PrismaClient, 'messageTemplate'>;

/** Creates a template; its name must be new in the workspace. */
export async function createTemplate(prisma: Db, workspaceId: string, input: TemplateInput): Promise<MessageTemplate> {
  const columns = checkedTemplate(input);
  try {
    return await prisma.messageTemplate.create({ data: { workspaceId, ...columns } });
  } catch (error) {
    // The unique (workspace, name) index decides, so two concurrent creates cannot both win.
    if (isUniqueViolation(error)) throw new TemplateNameTakenError(input.name);
    throw error;
  }
}

/** Replaces a template's fields; journeys pick the new content up at their next send. */
export async function updateTemplate(prisma: Db, workspaceId: string, templateId: string, input: TemplateInput): Promise<MessageTemplate> {
  const columns = checkedTemplate(input);
  try {
    // updateMany scoped by workspace: a template of another workspace is never touched.
    const { count } = await prisma.messageTemplate.updateMany({ where: { id: templateId, workspaceId }, data: columns });
    if (count === 0) throw new TemplateNotFoundError(templateId);
  } catch (error) {
    if (isUniqueViolation(error)) throw new TemplateNameTakenError(input.name);
    throw error;
  }
  return getTemplate(prisma, workspaceId, templateId);
}

export async function getTemplate(prisma: Db, workspaceId: string, templateId: string): Promise<MessageTemplate> {
  const template = await prisma.messageTemplate.findFirst({ where: { id: templateId, workspaceId } });
  if (!template) throw new TemplateNotFoundError(templateId);
  return template;
}
