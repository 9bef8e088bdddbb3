import { bucketOf, pickByPercent } from '../../../../engine/journey/conditions';

describe('sticky buckets', () => {
  const contacts = Array.from({ length: 20_000 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);

  it('are stable for the same contact, journey and node, and differ between nodes', () => {
    expect(bucketOf('contact-1', 'journey-1', 'test')).toBe(bucketOf('contact-1', 'journey-1', 'test'));
    const moved = contacts.slice(0, 1_000).filter((id) => Math.floor(bucketOf(id, 'j', 'a') / 50) !== Math.floor(bucketOf(id, 'j', 'b') / 50));
    // Two independent 50/50 splits disagree for about half the contacts.
    expect(moved.length).toBeGreaterThan(400);
    expect(moved.length).toBeLessThan(600);
  });

  it('split 20,000 contacts within 1.5 points of a 10/45/45 holdout and variants', () => {
    const options = [
      { id: 'holdout', percent: 10 },
      { id: 'a', percent: 45 },
      { id: 'b', percent: 45 },
    ];
    const counts: Record<string, number> = { holdout: 0, a: 0, b: 0 };
    for (const id of contacts) {
      const picked = pickByPercent(options, bucketOf(id, 'journey-7', 'subject-test'));
      if (picked) counts[picked.id] = (counts[picked.id] ?? 0) + 1;
    }
    const share = (id: string) => ((counts[id] ?? 0) / contacts.length) * 100;
    expect(Math.abs(share('holdout') - 10)).toBeLessThan(1.5);
    expect(Math.abs(share('a') - 45)).toBeLessThan(1.5);
    expect(Math.abs(share('b') - 45)).toBeLessThan(1.5);
  });

  it('stay in [0, 100)', () => {
    for (const id of contacts.slice(0, 2_000)) {
      const bucket = bucketOf(id, 'j', 'n');
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(100);
    }
  });
});
