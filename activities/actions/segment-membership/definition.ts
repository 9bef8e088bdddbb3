import { Type } from 'typebox';
import { defineAction, type ActionContext } from '../definition';
import { PermanentActionError } from '../errors';

const SegmentInput = Type.Object({ segmentId: Type.String({ format: 'uuid', title: 'Segment', description: 'A static segment of the workspace.' }) }, { additionalProperties: false });

/** Membership and its history change together; repeating the step changes nothing. */
async function changeMembership(context: ActionContext, segmentId: string, change: 'entered' | 'exited'): Promise<{ outcome: string }> {
  const { prisma } = context.deps.db;
  const segment = await prisma.segment.findFirst({ where: { id: segmentId, workspaceId: context.workspaceId }, select: { kind: true } });
  if (!segment) throw new PermanentActionError(`segment ${segmentId} does not exist in this workspace`);
  // Dynamic segments follow their criteria; a journey cannot move contacts in or out of them.
  if (segment.kind !== 'static') throw new PermanentActionError('only static segments can be changed by a journey');
  const source = `journey:${context.journeyId}:${context.nodeId}`;
  return prisma.$transaction(async (tx) => {
    const key = { segmentId_contactId: { segmentId, contactId: context.contactId } };
    const member = await tx.segmentMembership.findUnique({ where: key, select: { segmentId: true } });
    if ((change === 'entered') === (member !== null)) return { outcome: 'unchanged' };
    if (change === 'entered') await tx.segmentMembership.create({ data: { segmentId, contactId: context.contactId, workspaceId: context.workspaceId, source } });
    else await tx.segmentMembership.delete({ where: key });
    await tx.segmentMembershipChange.create({ data: { workspaceId: context.workspaceId, segmentId, contactId: context.contactId, change, source } });
    return { outcome: 'done' };
  });
}

/** Add and remove are one action shape, differing only in the direction of the change. */
const segmentAction = (id: string, label: string, description: string, change: 'entered' | 'exited') =>
  defineAction({
    id,
    version: 1,
    label,
    description,
    category: 'crm',
    icon: 'users',
    input: SegmentInput,
    outputs: ['done', 'unchanged'],
    run: (context, input) => changeMembership(context, input.segmentId, change),
  });

export const addToSegmentAction = segmentAction('segment.add', 'Add to segment', 'Adds the contact to a static segment.', 'entered');
export const removeFromSegmentAction = segmentAction('segment.remove', 'Remove from segment', 'Removes the contact from a static segment.', 'exited');
