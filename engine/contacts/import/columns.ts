import { ATTRIBUTE_KEY, type ContactInput } from '../input';

/** The profile fields a CSV column can fill, by normalised header (lower case, no spaces, dashes or underscores). */
const PROFILE_COLUMNS: Readonly<Record<string, keyof ContactInput>> = {
  email: 'email',
  externalid: 'externalId',
  phone: 'phone',
  firstname: 'firstName',
  lastname: 'lastName',
  company: 'company',
  type: 'type',
  source: 'source',
  timezone: 'timezone',
  locale: 'locale',
  preferredchannel: 'preferredChannel',
  tags: 'tags',
};

/** What a header means: a profile field, a custom attribute, or a column that cannot be imported. */
export type ColumnMeaning = { readonly kind: 'field'; readonly field: keyof ContactInput } | { readonly kind: 'attribute'; readonly key: string } | { readonly kind: 'invalid'; readonly header: string };

const normalised = (header: string): string => header.trim().toLowerCase().replace(/[\s_-]+/g, '');

/**
 * Known headers (`email`, `external_id`, `first name`, …) fill the profile; `attributes.<key>`
 * or any other header whose name is a valid attribute key becomes a custom attribute; the rest
 * (spaces, punctuation) cannot be named by segments and is refused for the whole file.
 */
export function meaningOf(header: string): ColumnMeaning {
  const field = PROFILE_COLUMNS[normalised(header)];
  if (field) return { kind: 'field', field };
  const key = header.trim().replace(/^attributes\./i, '');
  return ATTRIBUTE_KEY.test(key) ? { kind: 'attribute', key } : { kind: 'invalid', header };
}

/** Tags in one cell, separated by `;` or `|` (commas would clash with the CSV itself). */
export const splitTags = (cell: string): string[] => [...new Set(cell.split(/[;|]/).map((tag) => tag.trim()).filter(Boolean))];

/**
 * One row as an upsert input: empty cells are left out (an import never clears a field), and
 * attribute cells holding a number or a boolean are stored as one, so segments compare them.
 */
export function rowToInput(row: Readonly<Record<string, string>>, columns: ReadonlyMap<string, ColumnMeaning>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const attributes: Record<string, unknown> = {};
  for (const [header, cell] of Object.entries(row)) {
    const meaning = columns.get(header);
    if (!meaning || meaning.kind === 'invalid' || cell === '') continue;
    if (meaning.kind === 'attribute') attributes[meaning.key] = typedCell(cell);
    else input[meaning.field] = meaning.field === 'tags' ? splitTags(cell) : cell;
  }
  if (Object.keys(attributes).length > 0) input.attributes = attributes;
  return input;
}

function typedCell(cell: string): unknown {
  if (cell === 'true' || cell === 'false') return cell === 'true';
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(cell)) return Number(cell);
  return cell;
}
