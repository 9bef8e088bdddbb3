import { Liquid } from 'liquidjs';

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
