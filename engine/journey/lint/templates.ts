import { Liquid } from 'liquidjs';
import type { ActionCatalog } from '../compile';
import { lookup } from '../conditions';
import type { JourneyPlan } from '../schema';
import type { LintFinding } from './findings';

/** Contact fields as the send activities expose them to templates (the Contact model). */
export const DEFAULT_CONTACT_FIELDS: ReadonlySet<string> = new Set([
  'id', 'externalId', 'email', 'phone', 'firstName', 'lastName', 'company', 'type', 'source', 'status',
  'lifecycleStage', 'timezone', 'locale', 'preferredChannel', 'tags', 'attributes', 'createdAt', 'lastSeenAt',
]);

const JOURNEY_FIELDS = new Set(['id', 'name', 'version']);
const liquid = new Liquid();

/**
 * Liquid in action inputs: a template that does not parse fails every send, and a variable
 * outside what the engine provides renders as an empty string in front of customers.
 */
export function checkTemplates(plan: JourneyPlan, nodeIds: readonly string[], catalog: ActionCatalog, contactFields: ReadonlySet<string>): LintFinding[] {
  const findings: LintFinding[] = [];
  const entry = plan.nodes[plan.entryNodeId];
  const hasEntryEvent = entry?.kind === 'trigger' && entry.config.type === 'event';
  for (const nodeId of nodeIds) {
    const node = plan.nodes[nodeId];
    if (node?.kind !== 'action') continue;
    const fields = catalog.find(node.config.actionId, node.config.actionVersion)?.templateFields ?? [];
    for (const path of fields) {
      const source = lookup(node.config.input, path);
      if (typeof source !== 'string') continue;
      const field = `config.input.${path}`;
      let variables: string[][];
      try {
        variables = liquid.globalVariableSegmentsSync(liquid.parse(source)).map((segments) => segments.map(String));
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        findings.push({ code: 'template_syntax', severity: 'warning', nodeId, field, message: `The template in ${path} does not parse: ${detail}.` });
        continue;
      }
      const reported = new Set<string>();
      for (const segments of variables) {
        const problem = unknownVariable(segments, contactFields, hasEntryEvent);
        const name = segments.join('.');
        if (!problem || reported.has(name)) continue;
        reported.add(name);
        findings.push({ code: 'unknown_variable', severity: 'warning', nodeId, field, message: `{{ ${name} }} in ${path} ${problem}; it would render empty.` });
      }
    }
  }
  return findings;
}

function unknownVariable([root, first]: string[], contactFields: ReadonlySet<string>, hasEntryEvent: boolean): string | undefined {
  switch (root) {
    case 'contact':
      return first === undefined || contactFields.has(first) || first === 'attributes' ? undefined : `is not a contact field`;
    case 'event':
      return hasEntryEvent ? undefined : 'needs an entry event, and this journey does not start on one';
    case 'lastEvent':
      return undefined;
    case 'journey':
      return first === undefined || JOURNEY_FIELDS.has(first) ? undefined : 'is not a journey field (id, name, version)';
    case 'unsubscribe_url':
      return undefined;
    default:
      return 'is not something the engine provides (contact, event, journey, unsubscribe_url)';
  }
}
