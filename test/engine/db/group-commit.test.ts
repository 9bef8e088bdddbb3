import { GroupCommit, type Settled } from '../../../engine/db/group-commit';

/** A writer that records its groups and holds each write until released. */
function recordingWriter() {
  const groups: string[][] = [];
  const releases: (() => void)[] = [];
  const writer = {
    prepare: async (key: string) => key,
    write: async (key: string, items: readonly string[]): Promise<Settled<string>[]> => {
      groups.push([...items]);
      await new Promise<void>((release) => releases.push(release));
      return items.map((item) => (item.startsWith('bad') ? { ok: false, error: new Error(`refused ${item}`) } : { ok: true, value: `${key}:${item}` }));
    },
  };
  const releaseAll = async () => {
    // Writes start after a turn of the event loop; keep releasing until none is pending.
    for (let turn = 0; turn < 20; turn += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.splice(0).forEach((release) => release());
    }
  };
  return { writer, groups, releaseAll };
}

describe('GroupCommit', () => {
  it('writes an idle key at once and the calls arriving during a write together, each answered alone', async () => {
    const { writer, groups, releaseAll } = recordingWriter();
    const commit = new GroupCommit(writer);
    const first = commit.submit('a', 'one');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const later = ['two', 'bad-three', 'four'].map((item) => commit.submit('a', item).catch((error: unknown) => (error instanceof Error ? error.message : 'odd')));
    await releaseAll();
    expect(await first).toBe('a:one');
    expect(await Promise.all(later)).toEqual(['a:two', 'refused bad-three', 'a:four']);
    expect(groups).toEqual([['one'], ['two', 'bad-three', 'four']]);
  });

  it('never mixes keys in one write, and caps a group', async () => {
    const { writer, groups, releaseAll } = recordingWriter();
    const commit = new GroupCommit(writer, 2);
    const answers = Promise.all([commit.submit('a', '1'), commit.submit('b', '1'), commit.submit('a', '2'), commit.submit('a', '3'), commit.submit('a', '4')]);
    await releaseAll();
    expect(await answers).toEqual(['a:1', 'b:1', 'a:2', 'a:3', 'a:4']);
    expect(groups.sort()).toEqual([['1'], ['1', '2'], ['3', '4']].sort());
  });

  it('fails every waiting call when the write itself fails, and keeps working after', async () => {
    let failing = true;
    const commit = new GroupCommit<string, string>({
      prepare: async () => undefined,
      write: async (_, items) => {
        if (failing) throw new Error('database gone');
        return items.map((item) => ({ ok: true, value: item }));
      },
    });
    await expect(Promise.all([commit.submit('a', 'x'), commit.submit('a', 'y')])).rejects.toThrow('database gone');
    failing = false;
    await expect(commit.submit('a', 'z')).resolves.toBe('z');
  });
});
