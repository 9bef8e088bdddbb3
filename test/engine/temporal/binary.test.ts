import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTemporalBinary } from '../../../engine/temporal/binary';

async function fakeExecutable(dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await writeFile(path, '#!/bin/sh\n');
  await chmod(path, 0o755);
  return path;
}

describe('resolveTemporalBinary', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'je-bin-'));
  });

  it('prefers the explicit path, then PATH, then the project tools folder', async () => {
    const explicit = await fakeExecutable(join(root, 'explicit'), 'temporal');
    const onPath = await fakeExecutable(join(root, 'path-dir'), 'temporal');
    const local = await fakeExecutable(join(root, 'project', '.tools', 'temporal', 'bin'), 'temporal');
    const project = join(root, 'project');
    const pathVariable = `/nonexistent:${join(root, 'path-dir')}`;

    expect(resolveTemporalBinary('temporal', { explicitPath: explicit, projectRoot: project, pathVariable })).toEqual({
      found: true,
      path: explicit,
      source: 'env',
    });
    expect(resolveTemporalBinary('temporal', { explicitPath: undefined, projectRoot: project, pathVariable })).toEqual({
      found: true,
      path: onPath,
      source: 'PATH',
    });
    expect(resolveTemporalBinary('temporal', { explicitPath: undefined, projectRoot: project, pathVariable: '' })).toEqual({
      found: true,
      path: local,
      source: 'project-tools',
    });
  });

  it('reports everything it tried when nothing is found', () => {
    const result = resolveTemporalBinary('temporal-test-server', { explicitPath: undefined, projectRoot: root, pathVariable: '/nonexistent' });
    expect(result).toEqual({
      found: false,
      explicitInvalid: false,
      tried: ['temporal-test-server on PATH', join(root, '.tools', 'temporal', 'bin', 'temporal-test-server')],
    });
  });

  it('does not fall back when the explicit path is wrong', async () => {
    await fakeExecutable(join(root, '.tools', 'temporal', 'bin'), 'temporal');
    const result = resolveTemporalBinary('temporal', { explicitPath: join(root, 'missing'), projectRoot: root, pathVariable: '' });
    expect(result).toEqual({ found: false, explicitInvalid: true, tried: [join(root, 'missing')] });
  });

  it('ignores files that are not executable', async () => {
    const dir = join(root, 'plain');
    await mkdir(dir);
    await writeFile(join(dir, 'temporal'), 'not a program');
    expect(resolveTemporalBinary('temporal', { explicitPath: undefined, projectRoot: root, pathVariable: dir }).found).toBe(false);
  });
});
