import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha256Id, type FileRef } from '../../../../src/core/change.js';
import { ManifestError } from '../../../../src/sources/watch/errors.js';
import {
  diffManifest, diffManifestDirs, emptyManifest, manifestFileRefs, parseManifest, recordChanges, serializeManifest, type Manifest,
} from '../../../../src/sources/watch/manifest.js';

const sha = (c: string): string => c.repeat(64);
const ref = (path: string, hex: string, size: number): FileRef => ({ path, id: sha256Id(hex), size });

function manifest(): Manifest {
  const m = emptyManifest('/tenant/etl');
  m.files.set('keep.sh', { size: 3, sha256: sha('a') });
  m.files.set('edit.sh', { size: 3, sha256: sha('b') });
  m.files.set('gone/old.sh', { size: 3, sha256: sha('c') });
  m.dirs.add('gone');
  return m;
}

describe('diffManifest (start-up catch-up)', () => {
  it('reports what was added, modified and deleted while the watcher was not running', () => {
    const files = new Map([
      ['keep.sh', ref('keep.sh', sha('a'), 3)],
      ['edit.sh', ref('edit.sh', sha('d'), 5)],
      ['new/n.sh', ref('new/n.sh', sha('e'), 1)],
    ]);
    assert.deepEqual(diffManifest(manifest(), { files, dirs: new Set(['new']) }), [
      { kind: 'modified', file: ref('edit.sh', sha('d'), 5) },
      { kind: 'deleted', path: 'gone/old.sh' },
      { kind: 'added', file: ref('new/n.sh', sha('e'), 1) },
    ]);
    assert.deepEqual(diffManifestDirs(manifest(), { files, dirs: new Set(['new']) }), { added: ['new'], deleted: ['gone'] });
  });

  it('a same-size rewrite is a modification (content, not mtime)', () => {
    const files = new Map([['keep.sh', ref('keep.sh', sha('f'), 3)], ['edit.sh', ref('edit.sh', sha('b'), 3)], ['gone/old.sh', ref('gone/old.sh', sha('c'), 3)]]);
    assert.deepEqual(diffManifest(manifest(), { files, dirs: new Set(['gone']) }), [{ kind: 'modified', file: ref('keep.sh', sha('f'), 3) }]);
  });

  it('an unchanged tree has nothing to catch up', () => {
    const m = manifest();
    assert.deepEqual(diffManifest(m, { files: manifestFileRefs(m), dirs: m.dirs }), []);
  });
});

describe('recordChanges', () => {
  it('updates files and directories after a batch was applied, without touching the input', () => {
    const before = manifest();
    const after = recordChanges(before, [
      { kind: 'modified', file: ref('edit.sh', sha('d'), 5) },
      { kind: 'renamed', from: 'keep.sh', file: ref('lib/keep.sh', sha('a'), 3), similarity: 100 },
      { kind: 'deleted', path: 'gone/old.sh' },
    ], { added: ['lib'], deleted: ['gone'] });
    assert.deepEqual([...after.files.keys()].sort(), ['edit.sh', 'lib/keep.sh']);
    assert.deepEqual(after.files.get('edit.sh'), { size: 5, sha256: sha('d') });
    assert.deepEqual([...after.dirs], ['lib']);
    assert.equal(before.files.size, 3);
  });
});

describe('parseManifest', () => {
  it('round-trips through its JSON form, sorted for stable diffs', () => {
    const text = serializeManifest(manifest());
    assert.deepEqual(parseManifest(text, 'm.json'), manifest());
    assert.ok(text.indexOf('"edit.sh"') < text.indexOf('"keep.sh"'));
  });

  it('keeps what the UDF side run manages (issue 13); a manifest without it has none and writes none', () => {
    assert.doesNotMatch(serializeManifest(manifest()), /udf/);
    const withUdf: Manifest = { ...manifest(), udf: { functions: [{ name: 'to_upper', id: 3 }], jars: ['/etl/acme.jar'] } };
    assert.deepEqual(parseManifest(serializeManifest(withUdf), 'm.json'), withUdf);
    assert.deepEqual(recordChanges(withUdf, []).udf, withUdf.udf, 'a batch keeps it');
  });

  it('keeps the watched directory\'s identity (issue 11), and reads a manifest written without one', () => {
    const withRoot = { ...manifest(), root: { dev: 2049, ino: 131_073, birthtimeMs: 1_767_225_600_123.456 } };
    assert.deepEqual(parseManifest(serializeManifest(withRoot), 'm.json'), withRoot);
    assert.equal(parseManifest(serializeManifest(manifest()), 'm.json').root, undefined);
  });

  it('keeps what the server said after each upload (issue 12), reads one written without it, and leaves out an entry that is not an identity', () => {
    const identity = { id: `sha256:${sha('d')}`, size: 5, updateTime: '2026-01-01 00:00:07' };
    const withContents: Manifest = { ...manifest(), contents: { 'edit.sh': identity } };
    assert.deepEqual(parseManifest(serializeManifest(withContents), 'm.json'), withContents);
    assert.doesNotMatch(serializeManifest(manifest()), /contents/);
    assert.equal(parseManifest(serializeManifest(manifest()), 'm.json').contents, undefined);
    const text = JSON.stringify({ version: 1, remoteRoot: '/', files: {}, dirs: [], contents: { a: identity, b: { id: 'x', size: '5' } } });
    assert.deepEqual(parseManifest(text, 'm.json').contents, { a: identity });
  });

  const cases: [string, string, string][] = [
    ['not JSON', '{', 'manifestInvalid'],
    ['a newer version', JSON.stringify({ version: 2, remoteRoot: '/', files: {}, dirs: [] }), 'manifestVersion'],
    ['a path that escapes the root', JSON.stringify({ version: 1, remoteRoot: '/', files: { '../x': { size: 1, sha256: sha('a') } }, dirs: [] }), 'manifestInvalid'],
    ['an absolute path', JSON.stringify({ version: 1, remoteRoot: '/', files: { '/x': { size: 1, sha256: sha('a') } }, dirs: [] }), 'manifestInvalid'],
    ['a bad hash', JSON.stringify({ version: 1, remoteRoot: '/', files: { x: { size: 1, sha256: 'abc' } }, dirs: [] }), 'manifestInvalid'],
    ['no dirs', JSON.stringify({ version: 1, remoteRoot: '/', files: {} }), 'manifestInvalid'],
    ['a managed jar that escapes the UDF tree', JSON.stringify({ version: 1, remoteRoot: '/', files: {}, dirs: [], udf: { functions: [], jars: ['/a/../b.jar'] } }), 'manifestInvalid'],
    ['a managed function without an id', JSON.stringify({ version: 1, remoteRoot: '/', files: {}, dirs: [], udf: { functions: [{ name: 'f' }], jars: [] } }), 'manifestInvalid'],
    ['a root identity that is not numbers', JSON.stringify({ version: 1, remoteRoot: '/', files: {}, dirs: [], root: { dev: '8', ino: 1, birthtimeMs: 0 } }), 'manifestInvalid'],
  ];
  for (const [name, text, code] of cases) {
    it(`refuses ${name} with ${code}, naming the file and the fix`, () => {
      assert.throws(() => parseManifest(text, '/state/m.json'), (err: unknown) => {
        assert.ok(err instanceof ManifestError);
        assert.equal(err.code, code);
        assert.equal(err.file, '/state/m.json');
        assert.match(err.message, /\/state\/m\.json/);
        assert.ok(err.fix.length > 0);
        return true;
      });
    });
  }
});
