import { Type } from 'typebox';
import { LifecycleStage } from '../../../engine/journey/schema';
import { dependency } from '../../../engine/crm/segments/dependencies';
import { changeContact } from '../crm-change';
import { defineAction } from '../definition';
import { PermanentActionError } from '../errors';

/** Moves the contact to a lifecycle stage, recording the transition and its reason. */
export const setLifecycleStageAction = defineAction({
  id: 'lifecycle.set_stage',
  version: 1,
  label: 'Set lifecycle stage',
  description: 'Moves the contact to a lifecycle stage; the change and its reason are kept in the stage history.',
  category: 'crm',
  icon: 'flag',
  input: Type.Object({ stage: LifecycleStage, reason: Type.String({ minLength: 1, maxLength: 200, default: 'Set by a journey', title: 'Reason' }) }, { additionalProperties: false }),
  outputs: ['done', 'unchanged'],
  // Stages are derived by the workspace's lifecycle rules: a stage set here holds until the next
  // scoring of the contact derives another one (the history shows both, with their reasons).
  run: async (context, input) =>
    changeContact(context, [dependency.lifecycleStage], async (tx) => {
      const contact = await tx.contact.findFirst({ where: { id: context.contactId, workspaceId: context.workspaceId }, select: { lifecycleStage: true } });
      if (!contact) throw new PermanentActionError('the contact no longer exists');
      if (contact.lifecycleStage === input.stage) return { outcome: 'unchanged' };
      await tx.contact.update({ where: { id: context.contactId }, data: { lifecycleStage: input.stage } });
      await tx.lifecycleStageChange.create({
        data: { workspaceId: context.workspaceId, contactId: context.contactId, fromStage: contact.lifecycleStage, toStage: input.stage, reason: input.reason, source: `journey:${context.journeyId}:${context.nodeId}` },
      });
      return { outcome: 'done' };
    }, { rescore: false }),
});
