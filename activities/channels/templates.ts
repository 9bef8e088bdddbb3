import { Liquid, LiquidError } from 'liquidjs';
import { PermanentActionError } from '../actions/errors';

/**
 * Liquid for message content, sandboxed: templates come from marketers, so they may not read
 * files (`include`/`render`/`layout` see an empty file system), reach inherited properties
 * (`ownPropertyOnly`), or loop without bound (render time and output size are limited).
 */
export const messageLiquid = new Liquid({
  ownPropertyOnly: true,
  relativeReference: false,
  // An in-memory file system with no files: `include` and `render` cannot read the disk.
  templates: {},
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
});

export async function renderTemplate(source: string, variables: Readonly<Record<string, unknown>>): Promise<string> {
  const output: unknown = await messageLiquid.parseAndRender(source, variables);
  return typeof output === 'string' ? output : String(output);
}

/**
 * A Liquid error (bad syntax, a sandbox limit, a missing include) as the permanent failure it
 * is: rendering does no I/O, so a retry renders the same source the same way, and the node
 * should take its `failed` path at once rather than after a day of retries. `input` is the
 * action's input, to name the field whose source failed (`html`, `headers.X-Shop`); a saved
 * template is named by its `templateId`. Undefined for anything that is not a Liquid error.
 */
export function templateRenderFailure(error: unknown, input: Readonly<Record<string, unknown>>): PermanentActionError | undefined {
  if (!LiquidError.is(error)) return undefined;
  const field = fieldWithSource(input, error.token.input);
  const where = field ?? (typeof input.templateId === 'string' ? `template ${input.templateId}` : 'the template');
  const [line] = error.token.getPosition();
  // liquidjs ends its messages in ", line:2, col:8": said once, in our words.
  const reason = error.message.replace(/, line:\d+, col:\d+$/, '');
  return new PermanentActionError(`${where} has a Liquid error on line ${line}: ${reason}`, 'render_error');
}

/** The dotted path of the string field (one level of nesting, as webhook headers) that is `source`. */
function fieldWithSource(input: Readonly<Record<string, unknown>>, source: string, prefix = ''): string | undefined {
  for (const [key, value] of Object.entries(input)) {
    if (value === source) return `${prefix}${key}`;
    if (prefix === '' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const nested = fieldWithSource(Object.fromEntries(Object.entries(value)), source, `${key}.`);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}
