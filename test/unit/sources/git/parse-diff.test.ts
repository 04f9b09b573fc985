import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GitError } from '../../../../src/sources/git/errors.js';
import { isZeroSha } from '../../../../src/sources/git/entry-type.js';
import { parseRawDiff } from '../../../../src/sources/git/parse-diff.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);
const out = (...fields: string[]): string => `${fields.join('\0')}\0`;

describe('parseRawDiff', () => {
  it('reads an add, a modify and a delete', () => {
    const entries = parseRawDiff(out(
      `:000000 100644 ${Z} ${A} A`, 'new.txt',
      `:100644 100755 ${A} ${B} M`, 'run.sh',
      `:100644 000000 ${A} ${Z} D`, 'gone.txt'));
    assert.deepEqual(entries, [
      { status: 'A', score: null, oldType: 'none', newType: 'file', oldSha: Z, newSha: A, oldPath: 'new.txt', path: 'new.txt' },
      { status: 'M', score: null, oldType: 'file', newType: 'file', oldSha: A, newSha: B, oldPath: 'run.sh', path: 'run.sh' },
      { status: 'D', score: null, oldType: 'file', newType: 'none', oldSha: A, newSha: Z, oldPath: 'gone.txt', path: 'gone.txt' },
    ]);
  });

  it('reads a rename and a copy with their similarity and both paths', () => {
    const [rename, copy] = parseRawDiff(out(`:100644 100644 ${A} ${B} R086`, 'old name', 'new name', `:100644 100644 ${A} ${A} C100`, 'a', 'b'));
    assert.deepEqual({ ...rename }, { status: 'R', score: 86, oldType: 'file', newType: 'file', oldSha: A, newSha: B, oldPath: 'old name', path: 'new name' });
    assert.equal(copy?.status, 'C');
    assert.equal(copy?.score, 100);
    assert.equal(copy?.oldPath, 'a');
  });

  it('reads type changes to symlinks and submodules', () => {
    const entries = parseRawDiff(out(`:100644 120000 ${A} ${B} T`, 'link', `:000000 160000 ${Z} ${B} A`, 'vendor/lib'));
    assert.deepEqual(entries.map((e) => [e.status, e.oldType, e.newType]), [['T', 'file', 'symlink'], ['A', 'none', 'submodule']]);
  });

  it('keeps names with newlines, tabs, colons and leading dashes intact', () => {
    const names = ['line\nbreak.txt', 'tab\there', ':100644 looks like a header', '-rf', 'ünï cødé/名前 with space.sql'];
    const entries = parseRawDiff(out(...names.flatMap((n) => [`:000000 100644 ${Z} ${A} A`, n])));
    assert.deepEqual(entries.map((e) => e.path), names);
  });

  it('reads sha256 repositories', () => {
    const long = 'c'.repeat(64);
    assert.equal(parseRawDiff(out(`:000000 100644 ${'0'.repeat(64)} ${long} A`, 'x'))[0]?.newSha, long);
  });

  it('returns nothing for empty output', () => {
    assert.deepEqual(parseRawDiff(''), []);
  });

  it('parses an unmerged entry, which the caller refuses', () => {
    assert.equal(parseRawDiff(out(`:100644 100644 ${A} ${Z} U`, 'conflict'))[0]?.status, 'U');
  });

  for (const [name, text] of [
    ['a header without a colon', out(`100644 100644 ${A} ${B} M`, 'x')],
    ['a rename missing its destination', out(`:100644 100644 ${A} ${B} R100`, 'x')],
    ['an unknown status', out(`:100644 100644 ${A} ${B} X`, 'x')],
    ['an unknown file mode', out(`:110000 100644 ${A} ${B} M`, 'x')],
    ['an abbreviated sha', out(`:100644 100644 abc1234 ${B} M`, 'x')],
  ] as const) {
    it(`rejects ${name} with a GitError`, () => {
      assert.throws(() => parseRawDiff(text), (err) => err instanceof GitError && err.code === 'unexpectedOutput');
    });
  }
});

describe('isZeroSha', () => {
  it('is true only for the 40 or 64 zero ids', () => {
    assert.equal(isZeroSha(Z), true);
    assert.equal(isZeroSha('0'.repeat(64)), true);
    assert.equal(isZeroSha('0'.repeat(39)), false);
    assert.equal(isZeroSha(A), false);
    assert.equal(isZeroSha(''), false);
  });
});
