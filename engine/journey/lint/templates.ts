import { Liquid, type Template } from 'liquidjs';
import { findAction, type ActionCatalog } from '../catalog';
import { lookup } from '../conditions';
import type { JourneyPlan } from '../schema';
import type { LintFinding } from './findings';
import { closest } from './suggest';

/** Contact fields as the send activities expose them to templates (the Contact model). */
export const DEFAULT_CONTACT_FIELDS: ReadonlySet<string> = new Set([
  'id', 'externalId', 'email', 'phone', 'firstName', 'lastName', 'company', 'type', 'source', 'status',
  'lifecycleStage', 'journeyStage', 'timezone', 'locale', 'preferredChannel', 'doNotContact', 'tags', 'attributes', 'createdAt', 'lastSeenAt',
]);

const JOURNEY_FIELDS = new Set(['id', 'name', 'version']);

// Configured like the renderer (activities/channels/email/templates.ts): an in-memory file
// system with no files, so `include`/`render`/`layout` fail here as they fail when sending,
// and linting never reads the disk.
const liquid = new Liquid({ templates: {}, ownPropertyOnly: true, relativeReference: false });

/**
 * Liquid in action inputs: a template that does not parse fails every send, and a variable
 * outside what the engine provides renders as an empty string in front of customers.
 */
export function checkTemplates(plan: JourneyPlan, nodeIds: readonly string[], catalog: ActionCatalog, contactFields: ReadonlySet<string>): LintFinding[] {
  const findings: LintFinding[] = [];
  const entry = plan.nodes[plan.entryNodeId];
  const hasEntryEvent = entry?.kind === 'trigger' && entry.config.type === 'event';
  // A misspelt field is usually misspelt the same way in every message: suggest once.
  const suggestions = new Map<string, string | undefined>();
  const suggest = (name: string): string | undefined => {
    if (!suggestions.has(name)) suggestions.set(name, closest(name, contactFields));
    return suggestions.get(name);
  };
  for (const nodeId of nodeIds) {
    const node = plan.nodes[nodeId];
    if (node?.kind !== 'action') continue;
    const fields = findAction(catalog, node.config.actionId, node.config.actionVersion)?.templateFields ?? [];
    for (const path of fields) {
      const source = lookup(node.config.input, path);
      if (typeof source !== 'string') continue;
      const field = `config.input.${path}`;
      const analysed = analyseRemembered(source);
      if (typeof analysed === 'string') {
        findings.push({ code: 'template_syntax', severity: 'warning', nodeId, field, message: `The template in ${path} ${analysed}` });
        continue;
      }
      const reported = new Set<string>();
      for (const segments of analysed) {
        const name = segments.join('.');
        const problem = unknownVariable(segments, contactFields, hasEntryEvent, suggest);
        if (!problem || reported.has(name)) continue;
        reported.add(name);
        findings.push({ code: 'unknown_variable', severity: 'warning', nodeId, field, message: `{{ ${name} }} in ${path} ${problem}; it would render empty.` });
      }
    }
  }
  return findings;
}

// Parsing is most of the linter's time (tens of microseconds a template), and the canvas
// lints on every edit of a journey whose templates mostly did not change: remember analyses
// by source text, up to a bound on the text held.
const remembered = new Map<string, readonly string[][] | string>();
const MAX_REMEMBERED_CHARS = 2_000_000;
let rememberedChars = 0;

function analyseRemembered(source: string): readonly string[][] | string {
  // Text with no Liquid markup is plain text: nothing to parse, nothing to remember.
  if (!source.includes('{{') && !source.includes('{%')) return [];
  const known = remembered.get(source);
  if (known !== undefined) return known;
  const analysed = analyse(source);
  if (rememberedChars + source.length > MAX_REMEMBERED_CHARS) {
    remembered.clear();
    rememberedChars = 0;
  }
  remembered.set(source, analysed);
  rememberedChars += source.length;
  return analysed;
}

/** The template's global variables (its own assign/capture/for variables excluded), or what is wrong with it. */
function analyse(source: string): string[][] | string {
  let parsed: Template[];
  try {
    parsed = liquid.parse(source);
  } catch (error) {
    return `does not parse: ${messageOf(error)}.`;
  }
  try {
    return liquid.globalVariableSegmentsSync(parsed).map(staticPrefix);
  } catch (error) {
    // The only files the analysis reads are partials, and message templates have none.
    return `includes another template, which messages cannot do (${messageOf(error)}).`;
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** `contact[key].x` is known only up to `contact`: a nested array is a dynamic lookup. */
type Segments = ReturnType<Liquid['globalVariableSegmentsSync']>[number];

function staticPrefix(segments: Segments): string[] {
  const prefix: string[] = [];
  for (const segment of segments) {
    if (Array.isArray(segment)) break;
    prefix.push(String(segment));
  }
  return prefix;
}

function unknownVariable([root, first]: readonly string[], contactFields: ReadonlySet<string>, hasEntryEvent: boolean, suggest: (name: string) => string | undefined): string | undefined {
  switch (root) {
    case 'contact': {
      if (first === undefined || contactFields.has(first) || first === 'attributes') return undefined;
      const suggestion = suggest(first);
      return `is not a contact field${suggestion ? ` (did you mean contact.${suggestion}?)` : ''}`;
    }
    case 'event':
      return hasEntryEvent ? undefined : 'needs an entry event, and this journey does not start on one';
    case undefined: // a wholly dynamic lookup
    case 'lastEvent':
    case 'unsubscribe_url':
    case 'preferences_url':
      return undefined;
    case 'journey':
      return first === undefined || JOURNEY_FIELDS.has(first) ? undefined : 'is not a journey field (id, name, version)';
    default:
      return 'is not something the engine provides (contact, event, lastEvent, journey, unsubscribe_url, preferences_url)';
  }
}
