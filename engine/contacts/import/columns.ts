import { CONSENT_CHANNELS, CONSENT_PURPOSES, type ConsentChannel, type ConsentPurpose } from '../../consent/input';
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

/** What a header means: a profile field, a consent decision, a custom attribute, or a column that cannot be imported. */
export type ColumnMeaning =
  | { readonly kind: 'field'; readonly field: keyof ContactInput }
  | { readonly kind: 'consent'; readonly channel: ConsentChannel; readonly purpose: ConsentPurpose }
  | { readonly kind: 'topic'; readonly topic: string }
  | { readonly kind: 'attribute'; readonly key: string }
  | { readonly kind: 'invalid'; readonly header: string };

/** `consent.email.marketing`, `consent_sms_transactional`... */
const CONSENT_COLUMN = /^consent[._ ](email|sms|push|whatsapp)[._ ](marketing|transactional)$/i;
/** `topic.newsletter` or `consent.topics.newsletter`. */
const TOPIC_COLUMN = /^(?:consent\.)?topics?\.([a-z0-9][a-z0-9_-]{0,63})$/i;

const isChannel = (value: string): value is ConsentChannel => (CONSENT_CHANNELS as readonly string[]).includes(value);
const isPurpose = (value: string): value is ConsentPurpose => (CONSENT_PURPOSES as readonly string[]).includes(value);

const normalised = (header: string): string => header.trim().toLowerCase().replace(/[\s_-]+/g, '');

/**
 * Known headers (`email`, `external_id`, `first name`, …) fill the profile; `attributes.<key>`
 * or any other header whose name is a valid attribute key becomes a custom attribute; the rest
 * (spaces, punctuation) cannot be named by segments and is refused for the whole file.
 */
export function meaningOf(header: string): ColumnMeaning {
  const consent = CONSENT_COLUMN.exec(header.trim());
  const channel = consent?.[1]?.toLowerCase();
  const purpose = consent?.[2]?.toLowerCase();
  if (channel !== undefined && purpose !== undefined && isChannel(channel) && isPurpose(purpose)) return { kind: 'consent', channel, purpose };
  const topic = TOPIC_COLUMN.exec(header.trim())?.[1];
  if (topic !== undefined) return { kind: 'topic', topic: topic.toLowerCase() };
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
  const consent: Record<string, Record<string, string>> = {};
  for (const [header, cell] of Object.entries(row)) {
    const meaning = columns.get(header);
    if (!meaning || meaning.kind === 'invalid' || cell === '') continue;
    if (meaning.kind === 'attribute') attributes[meaning.key] = typedCell(cell);
    else if (meaning.kind === 'consent') (consent[meaning.channel] ??= {})[meaning.purpose] = decisionOf(cell);
    else if (meaning.kind === 'topic') (consent.topics ??= {})[meaning.topic] = decisionOf(cell);
    else input[meaning.field] = meaning.field === 'tags' ? splitTags(cell) : cell;
  }
  if (Object.keys(attributes).length > 0) input.attributes = attributes;
  if (Object.keys(consent).length > 0) input.consent = consent;
  return input;
}

const GRANTED = new Set(['granted', 'yes', 'y', 'true', '1']);
const WITHDRAWN = new Set(['withdrawn', 'no', 'n', 'false', '0']);

/** A consent cell: granted/yes/true/1 or withdrawn/no/false/0; anything else stays as written, for the schema to refuse by name. */
function decisionOf(cell: string): string {
  const value = cell.trim().toLowerCase();
  if (GRANTED.has(value)) return 'granted';
  if (WITHDRAWN.has(value)) return 'withdrawn';
  return cell;
}

function typedCell(cell: string): unknown {
  if (cell === 'true' || cell === 'false') return cell === 'true';
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(cell)) return Number(cell);
  return cell;
}
