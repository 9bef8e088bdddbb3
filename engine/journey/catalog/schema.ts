import { Type, type Static, type TSchema } from 'typebox';
import { Condition } from '../schema/common';

// The action catalog as plain data: what the palette, the generated forms, the compiler and
// the linter know of each action. The API serves it (GET /v1/actions) and the browser runs
// the same compile and lint over it, so nothing here may be a function.

const Purpose = Type.Union([Type.Literal('marketing'), Type.Literal('transactional')]);

/**
 * How a sending action's input decides what kind of message it sends, for the linter's
 * per-channel counts and its quiet-hours and frequency-cap checks.
 */
export const MessageSpec = Type.Object(
  {
    channel: Type.String({ minLength: 1, maxLength: 40, description: 'e.g. `email`, `sms`: messages are counted per channel along every path.' }),
    purpose: Purpose,
    purposeField: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'An input field holding `marketing` or `transactional`, which overrides `purpose`.' })),
    quietHoursOptOutField: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A boolean input field that, when true, opts the message out of quiet hours.' })),
    frequencyCapOptOutField: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A boolean input field that, when true, opts the message out of frequency caps.' })),
  },
  { additionalProperties: false },
);
export type MessageSpec = Static<typeof MessageSpec>;

/**
 * A rule across input fields that a JSON Schema would state only in words a form cannot show:
 * the input is refused, at `field`, whenever `when` holds over the input.
 */
export const InputRule = Type.Object(
  { field: Type.String({ minLength: 1, maxLength: 100 }), message: Type.String({ minLength: 1, maxLength: 500 }), when: Condition },
  { additionalProperties: false },
);
export type InputRule = Static<typeof InputRule>;

/** A JSON Schema object; `Unsafe` keeps its TypeScript type usable as a schema. */
const JsonSchema = Type.Unsafe<TSchema>(Type.Object({}, { additionalProperties: true, description: 'A JSON Schema (draft 2020-12 subset) of the node’s `input`, with titles and descriptions for the form.' }));

export const ActionCategory = Type.Union([Type.Literal('messaging'), Type.Literal('crm'), Type.Literal('integration'), Type.Literal('flow'), Type.Literal('custom')]);
export type ActionCategory = Static<typeof ActionCategory>;

/** One version of one action. */
export const ActionCatalogEntry = Type.Object(
  {
    id: Type.String(),
    version: Type.Integer({ minimum: 1 }),
    label: Type.String(),
    description: Type.String(),
    category: ActionCategory,
    /** A Lucide icon name (e.g. `mail`); `zap` when the action names none. */
    icon: Type.String(),
    input: JsonSchema,
    /** Outcomes the action reports, the normal one first (e.g. `sent`, `failed`). */
    outputs: Type.Array(Type.String(), { minItems: 1 }),
    /** Credentials the action resolves inside the activity, by name; never part of a journey. */
    credentials: Type.Array(Type.String()),
    /** Dotted paths of `input` holding Liquid templates. */
    templateFields: Type.Array(Type.String()),
    message: Type.Optional(MessageSpec),
    rules: Type.Array(InputRule),
  },
  { additionalProperties: false },
);
export type ActionCatalogEntry = Static<typeof ActionCatalogEntry>;

/** Every action version the compiler may resolve, built-in and custom alike. */
export type ActionCatalog = readonly ActionCatalogEntry[];

/** A problem with an action's input, located by a dotted path inside `input`. */
export interface ActionInputProblem {
  readonly field: string;
  readonly message: string;
}

/** What a message-sending action will do with a given input. */
export interface MessageTraits {
  readonly channel: string;
  readonly purpose: 'marketing' | 'transactional';
  /** False when this input opts out of the workspace's quiet hours. */
  readonly quietHours: boolean;
  /** False when this input opts out of the workspace's frequency caps. */
  readonly frequencyCap: boolean;
}
