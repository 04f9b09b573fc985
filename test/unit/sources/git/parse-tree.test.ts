import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gitBlob } from '../../../../src/core/change.js';
import { GitError } from '../../../../src/sources/git/errors.js';
import { desiredTree, parseLsTree } from '../../../../src/sources/git/parse-tree.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('parseLsTree', () => {
  it('reads blobs with padded sizes, symlinks and submodules, and names with tabs and newlines', () => {
    const output = [
      `100644 blob ${A}      12\tdir/with\ttab.sql`,
      `100755 blob ${A} 5242880\tbin/run\nme`,
      `120000 blob ${B}       6\tlink`,
      `160000 commit ${B}       -\tvendor/lib`,
    ].join('\0') + '\0';
    const entries = parseLsTree(output);
    assert.deepEqual(entries.map((e) => [e.type, e.size, e.path]), [
      ['file', 12, 'dir/with\ttab.sql'],
      ['file', 5242880, 'bin/run\nme'],
      ['symlink', 6, 'link'],
      ['submodule', null, 'vendor/lib'],
    ]);
    const { files, unsupported } = desiredTree(entries);
    assert.deepEqual([...files.keys()], ['dir/with\ttab.sql', 'bin/run\nme']);
    assert.deepEqual(files.get('bin/run\nme'), { path: 'bin/run\nme', id: gitBlob(A), size: 5242880 });
    assert.deepEqual(unsupported, [
      { kind: 'unsupported', path: 'link', reason: 'symlink: not followed' },
      { kind: 'unsupported', path: 'vendor/lib', reason: 'submodule: not followed' },
    ]);
  });

  it('rejects a line without a path', () => {
    assert.throws(() => parseLsTree(`100644 blob ${A} 12\0`), (err) => err instanceof GitError && err.code === 'unexpectedOutput');
  });

  it('case 14: a crafted tree with . and .. entries is skipped with a reason, never a RangeError', () => {
    const output = [`100644 blob ${A}       3\t../x.sql`, `100644 blob ${A}       3\t./x.sql`, `100644 blob ${A}       3\tok.sql`].join('\0') + '\0';
    const { files, unsupported } = desiredTree(parseLsTree(output));
    assert.deepEqual([...files.keys()], ['ok.sql']);
    assert.deepEqual(unsupported.map((c) => c.kind === 'unsupported' && [c.path, c.reason]), [
      ['../x.sql', 'path has a "." or ".." segment (a crafted git tree): not synced'],
      ['./x.sql', 'path has a "." or ".." segment (a crafted git tree): not synced'],
    ]);
  });
});
