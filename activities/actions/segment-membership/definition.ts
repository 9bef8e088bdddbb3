import { Type } from 'typebox';
import { loadCrmContext } from '../../../engine/crm/context';
import { changeStaticMembers, SegmentNotFoundError, StaticSegmentOnlyError } from '../../../engine/crm/segments/static-members';
import { defineAction, type ActionContext } from '../definition';
import { PermanentActionError } from '../errors';

const SegmentInput = Type.Object({ segmentId: Type.String({ format: 'uuid', title: 'Segment', description: 'A static segment of the workspace.' }) }, { additionalProperties: false });

/**
 * Membership, its history and the entry/exit events change together (segments built on this
 * one follow); repeating the step changes nothing.
 */
async function changeMembership(context: ActionContext, segmentId: string, change: 'entered' | 'exited'): Promise<{ outcome: string }> {
  const { prisma } = context.deps.db;
  try {
    const crm = await loadCrmContext(prisma, context.workspaceId, new Date(context.now));
    const { changed } = await changeStaticMembers(prisma, crm, segmentId, [context.contactId], change, `journey:${context.journeyId}:${context.nodeId}`);
    return { outcome: changed > 0 ? 'done' : 'unchanged' };
  } catch (error) {
    if (error instanceof SegmentNotFoundError) throw new PermanentActionError(`segment ${segmentId} does not exist in this workspace`);
    // Dynamic segments follow their criteria; a journey cannot move contacts in or out of them.
    if (error instanceof StaticSegmentOnlyError) throw new PermanentActionError('only static segments can be changed by a journey');
    throw error;
  }
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
