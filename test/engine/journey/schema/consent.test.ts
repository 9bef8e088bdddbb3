import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, TOPIC_KEY } from '../../../../engine/consent';
import { ConsentChannel, ConsentPurpose, ConsentStatus, TOPIC_KEY_PATTERN } from '../../../../engine/journey/schema';
import { ConsentStatus as StoredConsentStatus, MessageType } from '../../../../prisma/generated/enums';

// The journey language is pure (the canvas imports it), so it names consent's values itself
// rather than importing the consent service: these keep the two spellings in step.
describe('consent in the journey language', () => {
  const accepts = (schema: TSchema, values: readonly string[]): boolean => values.every((value) => Value.Check(schema, value));

  it('names the channels, purposes and states the consent service records, and no others', () => {
    expect(accepts(ConsentChannel, CONSENT_CHANNELS)).toBe(true);
    expect(Value.Check(ConsentChannel, 'webhook')).toBe(false);
    expect(accepts(ConsentPurpose, CONSENT_PURPOSES)).toBe(true);
    expect(accepts(ConsentPurpose, Object.values(MessageType))).toBe(true);
    expect(accepts(ConsentStatus, Object.values(StoredConsentStatus))).toBe(true);
    expect(Value.Check(ConsentStatus, 'unknown')).toBe(false);
  });

  it('spells topic keys as the consent service does', () => {
    expect(TOPIC_KEY_PATTERN).toBe(TOPIC_KEY);
  });
});
