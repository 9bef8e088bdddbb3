import { Type } from 'typebox';
import { earnPoints, LoyaltyError, redeemPoints } from '../../../engine/crm/loyalty';
import { dependency } from '../../../engine/crm/segments/dependencies';
import { changeContact } from '../crm-change';
import { defineAction, type ActionContext, type ActionResult } from '../definition';
import { PermanentActionError } from '../errors';

const LoyaltyInput = Type.Object(
  {
    programId: Type.String({ format: 'uuid', title: 'Programme' }),
    points: Type.Integer({ minimum: 1, maximum: 1_000_000, title: 'Points' }),
    reason: Type.String({ minLength: 1, maxLength: 200, title: 'Reason' }),
  },
  { additionalProperties: false },
);

interface Movement {
  readonly programId: string;
  readonly points: number;
  readonly reason: string;
}

/** The service call for the step: its key makes a retried step a replay, its clock is the workflow's. */
const movementOf = (context: ActionContext, input: Movement) => ({
  workspaceId: context.workspaceId,
  programId: input.programId,
  contactId: context.contactId,
  points: input.points,
  reason: input.reason,
  idempotencyKey: context.idempotencyKey,
  now: new Date(context.now),
});

/**
 * What the loyalty service refuses (a program of another workspace or inactive, an unknown
 * contact) cannot succeed on a retry: a permanent failure, routed to the node's `failed` path.
 */
async function permanentOnRefusal(work: () => Promise<ActionResult>): Promise<ActionResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LoyaltyError) throw new PermanentActionError(error.message);
    throw error;
  }
}

/**
 * Segments on points or tier follow the movement. The movement commits in the loyalty
 * service's own transaction (its row lock and key are what keep a balance from going below
 * zero), so this runs after it, on replays too: re-evaluating membership from the current
 * data is idempotent, and a crash in between is made good by the step's retry.
 */
const followLoyaltySegments = (context: ActionContext): Promise<void> => changeContact(context, [dependency.loyalty], async () => undefined, { rescore: false });

export const awardPointsAction = defineAction({
  id: 'loyalty.award_points',
  version: 1,
  label: 'Award loyalty points',
  description: 'Adds points to the contact’s account in a loyalty programme; the tier follows.',
  category: 'crm',
  icon: 'gift',
  input: LoyaltyInput,
  outputs: ['done'],
  run: (context, input) =>
    permanentOnRefusal(async () => {
      await earnPoints(context.deps.db.prisma, movementOf(context, input));
      await followLoyaltySegments(context);
      return { outcome: 'done' };
    }),
});

export const redeemPointsAction = defineAction({
  id: 'loyalty.redeem_points',
  version: 1,
  label: 'Redeem loyalty points',
  description: 'Takes points from the contact’s account; never below zero (the `insufficient` output).',
  category: 'crm',
  icon: 'gift',
  input: LoyaltyInput,
  outputs: ['done', 'insufficient'],
  run: (context, input) =>
    permanentOnRefusal(async () => {
      const redemption = await redeemPoints(context.deps.db.prisma, movementOf(context, input));
      await followLoyaltySegments(context);
      return { outcome: redemption.outcome };
    }),
});
