import { Type, type Static } from 'typebox';
import { check } from '../journey/compile/validators';

const HexColour = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'e.g. #0f766e' });

/**
 * A workspace's consent settings, under `consent` in `workspace.settings`: double opt-in per
 * channel, the answer to an SMS HELP, and how its preference center looks.
 */
export const ConsentSettings = Type.Object(
  {
    /** When on, a new email marketing grant is `pending` until the contact follows the confirmation link. */
    doubleOptIn: Type.Optional(Type.Object({ email: Type.Optional(Type.Boolean()) }, { additionalProperties: false })),
    /** Sent back when a contact texts HELP. */
    smsHelpText: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
    preferenceCenter: Type.Optional(
      Type.Object(
        {
          brandName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          brandColour: Type.Optional(HexColour),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ConsentSettings = Static<typeof ConsentSettings>;

const isConsentSettings = (value: unknown): value is ConsentSettings => check(ConsentSettings, value);

/** The workspace's consent settings; an absent or malformed block reads as the defaults (all off). */
export function consentSettingsOf(settings: unknown): ConsentSettings {
  if (typeof settings !== 'object' || settings === null || !('consent' in settings)) return {};
  const block: unknown = settings.consent;
  return isConsentSettings(block) ? block : {};
}
