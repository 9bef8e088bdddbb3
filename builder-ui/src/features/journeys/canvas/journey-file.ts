import { Value } from 'typebox/value';
import { DraftNode, JourneyDraft } from '../../../../../engine/journey/schema';
import { upgradeJourney } from '../../../../../engine/journey/conditions/upgrade-journey';

function member(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

/** The draft as a journey file: the same JSON `npx journey-engine push` and PUT /v1/journeys/drafts take. */
export function journeyFileOf(draft: JourneyDraft): string {
  return `${JSON.stringify(draft, null, 2)}\n`;
}

export function fileNameOf(draft: JourneyDraft): string {
  const slug = draft.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'journey';
  return `${slug}.journey.json`;
}

/**
 * A journey file read back: JSON, then the draft's envelope, then each node by its kind. What
 * is wrong is named by its place in the file (`nodes.3.config`), so it can be found and fixed;
 * problems inside a valid file (a missing connection, an unknown action) are then the
 * compiler's, shown on the nodes like any other edit.
 */
export function readJourneyFile(text: string): { draft: JourneyDraft } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `The file is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  // A file from before the one condition language (schema version 1) loads in today's words.
  value = upgradeJourney(value).document;
  if (!Value.Check(JourneyDraft, value)) {
    const [first] = Value.Errors(JourneyDraft, value);
    const where = first?.instancePath.split('/').filter(Boolean).join('.') || 'the file';
    return { error: `This is not a journey file: ${where} ${first?.message ?? 'is invalid'}.` };
  }
  const nodes: DraftNode[] = [];
  for (const [index, node] of value.nodes.entries()) {
    if (!Value.Check(DraftNode, node)) {
      const id = member(node, 'id');
      const kind = member(node, 'kind');
      return { error: `nodes.${index}${typeof id === 'string' ? ` (${id})` : ''} is not a valid ${typeof kind === 'string' ? kind : 'node'}: check its config against docs/journey-files.md.` };
    }
    nodes.push(node);
  }
  return { draft: { ...value, nodes } };
}
