// The pages contacts open from email show workspace and contact data (names, topic
// descriptions, addresses) that anyone with an API key can set. So markup is built only with
// the `html` tag below, which escapes every interpolated value unless it is markup the tag
// made itself: forgetting to escape is not possible, only deliberately unwrapping is.

const MARK: unique symbol = Symbol('html');

/** Markup built by `html`: safe to insert as is. */
export interface Html {
  readonly [MARK]: true;
  readonly text: string;
}

/** What a page template may interpolate: text (escaped), markup, lists of markup, or nothing. */
export type Fragment = Html | string | number | readonly Fragment[] | false | null | undefined;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (character) => ENTITIES[character] ?? character);
}

const isHtml = (value: unknown): value is Html => typeof value === 'object' && value !== null && MARK in value;

function render(fragment: Fragment): string {
  if (fragment === false || fragment === null || fragment === undefined) return '';
  if (typeof fragment === 'string') return escapeHtml(fragment);
  if (typeof fragment === 'number') return String(fragment);
  if (isHtml(fragment)) return fragment.text;
  return fragment.map(render).join('');
}

const markup = (text: string): Html => ({ [MARK]: true, text });

export function html(strings: TemplateStringsArray, ...values: Fragment[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return markup(text);
}

/**
 * Markup the code itself wrote and checked, such as a style sheet with a colour that matched
 * `^#[0-9a-f]{6}$`. Never for anything a workspace or contact supplied as text.
 */
export const trusted = (text: string): Html => markup(text);
