// Sticky, uniform assignment for random splits and A/B tests. Not Math.random: the same
// contact in the same journey node always lands in the same bucket, on every worker, across
// replays and re-entries, so a contact never sees both variants.

/** 32-bit FNV-1a over UTF-16 code units, then murmur3's finalizer for avalanche. */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A point in [0, 100) with four decimals of resolution. */
export function bucketOf(...parts: string[]): number {
  return (hash32(parts.join('\u001f')) % 1_000_000) / 10_000;
}

/**
 * Which of the weighted options a bucket falls into. Percentages are cumulative in list
 * order; a bucket past the last one (when they sum below 100) gets `undefined`.
 */
export function pickByPercent<Option extends { readonly percent: number }>(options: readonly Option[], bucket: number): Option | undefined {
  let upper = 0;
  for (const option of options) {
    upper += option.percent;
    if (bucket < upper) return option;
  }
  return undefined;
}
