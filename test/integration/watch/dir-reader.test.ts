import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sha256Id } from '../../../src/core/change.js';
import { readDirectoryTree } from '../../../src/sources/tree/dir-reader.js';
import { makeTempDir, sha256 } from './support.js';

describe('readDirectoryTree', () => {
  it('lists files with sha256 and size, directories, and symbolic links as unsupported', async (t) => {
    const root = await makeTempDir(t);
    await mkdir(join(root, 'sql/daily'), { recursive: true });
    await mkdir(join(root, 'empty'));
    await writeFile(join(root, 'run.sh'), 'echo hi\n');
    await writeFile(join(root, 'sql/daily/load me.sql'), 'select 1;');
    await writeFile(join(root, 'sql/ünïcode #1.sql'), '');
    await symlink('run.sh', join(root, 'link.sh'));
    await symlink('sql', join(root, 'sql-link'));

    const tree = await readDirectoryTree(root, () => false);
    assert.deepEqual([...tree.files.values()], [
      { path: 'run.sh', id: sha256Id(sha256('echo hi\n')), size: 8 },
      { path: 'sql/daily/load me.sql', id: sha256Id(sha256('select 1;')), size: 9 },
      { path: 'sql/ünïcode #1.sql', id: sha256Id(sha256('')), size: 0 },
    ]);
    assert.deepEqual([...tree.dirs].sort(), ['empty', 'sql', 'sql/daily']);
    assert.deepEqual(tree.unsupported.map((c) => c.kind === 'unsupported' && [c.path, c.reason.startsWith('symbolic link')]), [
      ['link.sh', true], ['sql-link', true],
    ]);
  });

  it('prunes ignored directories without descending into them', async (t) => {
    const root = await makeTempDir(t);
    await mkdir(join(root, 'node_modules/pkg/deep'), { recursive: true });
    await writeFile(join(root, 'node_modules/pkg/deep/x.js'), 'x');
    await writeFile(join(root, 'keep.py'), 'k');
    await writeFile(join(root, 'debug.log'), 'l');
    const asked: string[] = [];
    const tree = await readDirectoryTree(root, (path, isDirectory) => {
      asked.push(`${path}${isDirectory ? '/' : ''}`);
      return (isDirectory && path === 'node_modules') || path.endsWith('.log');
    });
    assert.deepEqual([...tree.files.keys()], ['keep.py']);
    assert.deepEqual(asked.sort(), ['debug.log', 'keep.py', 'node_modules/']);
    assert.deepEqual([...tree.dirs], []);
  });

  it('fails when the root cannot be read', async (t) => {
    const root = await makeTempDir(t);
    await assert.rejects(readDirectoryTree(join(root, 'missing'), () => false), { code: 'ENOENT' });
  });
});
