/** E.164: a plus, a country code not starting with 0, up to 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

/** The number in E.164, spaces, dashes, dots and brackets removed; undefined if it is not one. */
export function toE164(raw: string): string | undefined {
  const compact = raw.replace(/[\s().-]/g, '');
  return E164.test(compact) ? compact : undefined;
}
