import { Type } from 'typebox';
import { defineAction } from '../definition';
import { PermanentActionError } from '../errors';

/**
 * Adjusts a score through the adjustment ledger, keyed by the step's idempotency key: a
 * retried step finds its row and adjusts nothing twice. The score recomputation (the CRM
 * intelligence work) folds the ledger into the composite; the adjustment is visible at once.
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
    await prisma.$transaction(async (tx) => {
      const inserted = await tx.scoreAdjustment.createMany({
        data: [{ workspaceId: context.workspaceId, contactId: context.contactId, model: input.model, delta: input.delta, reason: input.reason, source: `journey:${context.journeyId}:${context.nodeId}`, idempotencyKey: context.idempotencyKey }],
        skipDuplicates: true,
      });
      if (inserted.count === 0) return;
      const clamp = (score: number): number => Math.max(0, Math.min(100, score));
      if (input.model === 'lead') {
        const current = await tx.leadScore.findUnique({ where: { contactId: context.contactId }, select: { score: true } });
        if (current) await tx.leadScore.update({ where: { contactId: context.contactId }, data: { score: clamp(current.score + input.delta) } });
      } else {
        const current = await tx.engagementScore.findUnique({ where: { contactId: context.contactId }, select: { score: true } });
        if (current) await tx.engagementScore.update({ where: { contactId: context.contactId }, data: { score: clamp(current.score + input.delta) } });
      }
    });
    return { outcome: 'done' };
  },
});
