import { isLegacyCondition } from '../conditions/legacy';
import { conditionSites } from '../conditions/sites';
import { validateCriteria } from '../conditions/validate';
import type { JourneyDraft } from '../schema';
import type { IssueList } from './issues';

/**
 * Checks every condition of the draft in the one condition language, with the scope of its
 * place (event filters test the event's properties only). Issues name the node and the field
 * holding the condition; the message says where inside it (`all[1].operator`).
 */
export function checkConditions(draft: JourneyDraft, issues: IssueList): void {
  for (const site of conditionSites(draft)) {
    // Reported by the upgrade: an old condition it could not say.
    if (isLegacyCondition(site.value)) continue;
    const checked = validateCriteria(site.value, site.scope);
    if (checked.ok) continue;
    for (const issue of checked.issues) {
      issues.add({ code: 'invalid_condition', message: `${issue.path === '(root)' ? '' : `${issue.path}: `}${issue.message}`, ...(site.nodeId !== undefined && { nodeId: site.nodeId }), field: site.field });
    }
  }
}
