import type { JourneyPlan } from '../schema';
import { checkBranches } from './branch-checks';
import { checkEventNames } from './event-names';
import type { LintContext, LintFinding, LintReport } from './findings';
import { reachableFrom } from './graph';
import { countMessages } from './message-counts';
import { messageTraits } from './messages';
import { checkProtection } from './protection';
import { checkTemplates, DEFAULT_CONTACT_FIELDS } from './templates';

export type { LintCode, LintContext, LintFinding, LintReport } from './findings';
export { DEFAULT_CONTACT_FIELDS } from './templates';

/**
 * Pre-publish static analysis of a compiled journey: problems the compiler accepts but a
 * marketer would not want (unreachable steps, dead or overlapping branches, typos in event
 * names, broken templates, unprotected marketing messages), and how many messages one contact
 * can receive. Pure and linear in the journey's size; never throws on a compiled plan.
 */
export function lintJourney(plan: JourneyPlan, context: LintContext): LintReport {
  const reachable = reachableFrom(plan, plan.entryNodeId);
  const reached = new Set(reachable);
  const unreachable: LintFinding[] = Object.keys(plan.nodes)
    .filter((nodeId) => !reached.has(nodeId))
    .map((nodeId) => ({ code: 'unreachable_node', severity: 'warning', nodeId, message: 'No path from the trigger leads here, so no contact will ever reach this step.' }));
  const traits = messageTraits(plan, reachable, context.catalog);
  const counts = countMessages(plan, reachable, traits);
  const findings = [
    ...unreachable,
    ...checkBranches(plan, reachable),
    ...checkEventNames(plan, reachable, context.knownEventNames),
    ...checkTemplates(plan, reachable, context.catalog, context.contactFields ?? DEFAULT_CONTACT_FIELDS),
    ...checkProtection(plan, reachable, traits, context.policy),
    ...counts.findings,
  ];
  return { findings, maxMessagesPerChannel: counts.max };
}
