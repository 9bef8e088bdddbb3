import { bucketOf, pickByPercent } from '../../../engine/journey/conditions/bucket';
import type { PlanNode } from '../../../engine/journey/schema';
import type { JourneyRun } from '../run-state';
import { next, type StepResult } from './step-result';

type BranchNode = Extract<PlanNode, { kind: 'branch' }>;

export async function handleBranch(node: BranchNode, run: JourneyRun): Promise<StepResult> {
  const config = node.config;
  switch (config.type) {
    case 'condition': {
      // Conditions read the contact's current data, so they are evaluated in an activity.
      const results = await run.db.evaluateConditions({
        workspaceId: run.input.workspaceId,
        contactId: run.input.contactId,
        conditions: config.branches.map((branch) => branch.condition),
        ...(run.input.entryEvent && { entryEvent: run.input.entryEvent }),
      });
      const taken = config.branches.find((_, index) => results[index] === true);
      return next(taken?.id ?? 'else');
    }
    case 'random': {
      // A fresh draw per enrollment and visit, but reproducible from the ids (never Math.random).
      const bucket = bucketOf(run.enrollmentId, node.id, String(run.visitOf(node.id)));
      return next(pickOrLast(config.paths, bucket).id);
    }
    case 'ab_test': {
      // Sticky per contact: the same contact gets the same variant on every entry and version.
      const bucket = bucketOf(run.input.contactId, run.input.journeyId, node.id);
      const options = [{ id: 'holdout', percent: config.holdoutPercent ?? 0 }, ...config.variants];
      return next(pickOrLast(options, bucket).id);
    }
  }
}

/** Percentages sum to 100 (the compiler checks); float rounding must not leave a gap at the top. */
function pickOrLast<Option extends { id: string; percent: number }>(options: readonly Option[], bucket: number): Option {
  const picked = pickByPercent(options, bucket) ?? options[options.length - 1];
  if (!picked) throw new Error('a split has no paths');
  return picked;
}
