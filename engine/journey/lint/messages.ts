import { findAction, messageTraitsOf, type ActionCatalog, type MessageTraits } from '../catalog';
import type { JourneyPlan } from '../schema';

/** The message traits of each sending action node, by node id. */
export function messageTraits(plan: JourneyPlan, nodeIds: readonly string[], catalog: ActionCatalog): Map<string, MessageTraits> {
  const traits = new Map<string, MessageTraits>();
  for (const nodeId of nodeIds) {
    const node = plan.nodes[nodeId];
    if (node?.kind !== 'action') continue;
    const action = findAction(catalog, node.config.actionId, node.config.actionVersion);
    const described = action && messageTraitsOf(action, node.config.input);
    if (described) traits.set(nodeId, described);
  }
  return traits;
}
