import { Type } from 'typebox';
import { dependency } from '../../../engine/crm/segments/dependencies';
import { changeContact } from '../crm-change';
import { defineAction } from '../definition';
import { PermanentActionError } from '../errors';

/**
 * Adjusts a score through the adjustment ledger, keyed by the step's idempotency key: a
 * retried step finds its row and adjusts nothing twice. Lead and engagement scoring add the
 * ledger to what they compute, and the contact is rescored in the same transaction, so the
 * adjustment is visible at once and segments and triggers on the score follow.
 */
export const adjustScoreAction = defineAction({
  id: 'score.adjust',
  version: 1,
  label: 'Adjust a score',
  description: 'Adds points to (or removes them from) the contact’s lead or engagement score, with a reason.',
  category: 'crm',
  icon: 'trending-up',
  input: Type.Object(
    {
      model: Type.Union([Type.Literal('lead'), Type.Literal('engagement')], { title: 'Score' }),
      delta: Type.Integer({ minimum: -100, maximum: 100, title: 'Points' }),
      reason: Type.String({ minLength: 1, maxLength: 200, title: 'Reason' }),
    },
    { additionalProperties: false },
  ),
  outputs: ['done'],
  run: async (context, input) => {
    const { prisma } = context.deps.db;
    const contact = await prisma.contact.findFirst({ where: { id: context.contactId, workspaceId: context.workspaceId }, select: { id: true } });
    if (!contact) throw new PermanentActionError('the contact no longer exists');
    // The ledger row and the contact's rescoring commit together; the score follows from the
    // ledger (never patched in place), so the nightly recompute arrives at the same number.
    await changeContact(
      context,
      [dependency.score(input.model)],
      (tx) =>
        tx.scoreAdjustment.createMany({
          data: [{ workspaceId: context.workspaceId, contactId: context.contactId, model: input.model, delta: input.delta, reason: input.reason, source: `journey:${context.journeyId}:${context.nodeId}`, idempotencyKey: context.idempotencyKey }],
          skipDuplicates: true,
        }),
      { rescore: true },
    );
    return { outcome: 'done' };
  },
});
