// Content comes from the commit objects: exact bytes, streamed, whatever the working tree holds.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gitBlob } from '../../../src/core/change.js';
import { GitError, openGitSource } from '../../../src/sources/git/git-reader.js';
import { gitEnv, makeRepo, type TestRepo } from '../../helpers/gitdir.js';

const repos: TestRepo[] = [];
after(() => Promise.all(repos.map((r) => r.cleanup())));

async function repoWith(files: Parameters<typeof makeRepo>[0]): Promise<TestRepo> {
  const repo = await makeRepo(files);
  repos.push(repo);
  return repo;
}

const everyByte = Buffer.from(Array.from({ length: 256 * 4 }, (_, i) => i % 256));
const fiveMegabytes = randomBytes(5 * 1024 * 1024);

describe('GitSource.open', () => {
  it('streams a binary file holding every byte value, byte for byte', async () => {
    const repo = await repoWith({ 'bin/all-bytes.bin': everyByte, 'crlf.txt': 'a\r\nb\r\n' });
    const source = await openGitSource(repo.dir, { env: gitEnv });
    const { files } = await source.tree('HEAD');
    for (const [path, expected] of [['bin/all-bytes.bin', everyByte], ['crlf.txt', Buffer.from('a\r\nb\r\n')]] as const) {
      const file = files.get(path);
      assert.ok(file);
      assert.equal(file.size, expected.length);
      assert.deepEqual(Buffer.concat(await (await source.open(file)).toArray()), expected);
    }
  });

  it('streams a 5 MB file from the commit, not from the modified working tree', async () => {
    const repo = await repoWith({ 'big.dat': fiveMegabytes });
    const source = await openGitSource(repo.dir, { env: gitEnv });
    await writeFile(join(repo.dir, 'big.dat'), 'overwritten in the working tree');
    const file = (await source.tree('HEAD')).files.get('big.dat');
    assert.ok(file);
    assert.equal(file.size, fiveMegabytes.length);
    const chunks = await (await source.open(file)).toArray();
    assert.ok(chunks.length > 1, 'arrives in several chunks');
    assert.ok(Buffer.concat(chunks).equals(fiveMegabytes));
  });

  it('gives a fresh stream on every call (a retried upload reads it again)', async () => {
    const repo = await repoWith({ 'a.txt': 'again' });
    const source = await openGitSource(repo.dir, { env: gitEnv });
    const file = (await source.tree('HEAD')).files.get('a.txt');
    assert.ok(file);
    for (let i = 0; i < 2; i++) assert.equal(Buffer.concat(await (await source.open(file)).toArray()).toString(), 'again');
  });

  it('fails the stream, instead of ending it empty, when the blob is missing', async () => {
    const repo = await repoWith({ 'a.txt': 'x' });
    const source = await openGitSource(repo.dir, { env: gitEnv });
    const stream = await source.open({ path: 'ghost.txt', id: gitBlob('f'.repeat(40)), size: 0 });
    await assert.rejects(stream.toArray(), (err) => err instanceof GitError && err.code === 'commandFailed' && err.path === 'ghost.txt');
  });

  it('fails the stream when git sends a different size than the FileRef says', async () => {
    const repo = await repoWith({ 'a.txt': 'four' });
    const source = await openGitSource(repo.dir, { env: gitEnv });
    const blob = await repo.run('rev-parse', 'HEAD:a.txt');
    const stream = await source.open({ path: 'a.txt', id: gitBlob(blob), size: 5 });
    await assert.rejects(stream.toArray(), (err) => err instanceof GitError && err.code === 'unexpectedOutput');
  });
});

describe('GitSource.tree', () => {
  it('lists every regular file under the local root at a commit, and reports symlinks and submodules', async () => {
    const repo = await repoWith({
      'etl/a.sql': 'a', 'etl/deep/x/y/z.sql': 'zz', 'etl/noext': 'n', 'etl/link.sql': { symlink: 'a.sql' }, 'other/b.sql': 'b',
    });
    const first = await repo.head();
    await repo.submodule('etl/vendor', first);
    await repo.commit({ 'etl/a.sql': 'changed later', 'etl/new.sql': 'new' });
    const source = await openGitSource(join(repo.dir, 'etl'), { env: gitEnv });
    const { files, unsupported } = await source.tree(first);
    assert.deepEqual([...files.keys()].sort(), ['a.sql', 'deep/x/y/z.sql', 'noext']);
    assert.deepEqual(files.get('deep/x/y/z.sql'), { path: 'deep/x/y/z.sql', id: gitBlob(await repo.run('rev-parse', `${first}:etl/deep/x/y/z.sql`)), size: 2 });
    assert.deepEqual(unsupported, [{ kind: 'unsupported', path: 'link.sql', reason: 'symlink: not followed' }]);
    const now = await source.tree('HEAD');
    assert.deepEqual([...now.files.keys()].sort(), ['a.sql', 'deep/x/y/z.sql', 'new.sql', 'noext']);
    assert.equal(now.files.get('a.sql')?.size, 'changed later'.length);
    assert.deepEqual(now.unsupported.map((c) => c.kind === 'unsupported' && c.reason), ['symlink: not followed', 'submodule: not followed']);
  });

  it('is empty at a commit where the local root did not exist yet', async () => {
    const repo = await repoWith({ 'readme.md': 'r' });
    const before = await repo.head();
    await repo.commit({ 'later/a.sql': 'a' });
    const source = await openGitSource(join(repo.dir, 'later'), { env: gitEnv });
    assert.equal((await source.tree(before)).files.size, 0);
    assert.equal((await source.tree('HEAD')).files.size, 1);
  });

  it('fails with unknownRevision for an unknown commit', async () => {
    const repo = await repoWith({ a: 'a' });
    const source = await openGitSource(repo.dir, { env: gitEnv });
    await assert.rejects(source.tree('no-such-branch'), (err) => err instanceof GitError && err.code === 'unknownRevision');
  });
});

describe('GitSource.readFile', () => {
  it('reads a small file at a commit, relative to the local root', async () => {
    const repo = await repoWith({ 'root/.dolpsignore': '*.tmp\n', 'root/sub/x': 'x' });
    const first = await repo.head();
    await repo.commit({ 'root/.dolpsignore': '*.bak\n' });
    const source = await openGitSource(join(repo.dir, 'root'), { env: gitEnv });
    assert.deepEqual(await source.readFile(first, '.dolpsignore'), Buffer.from('*.tmp\n'));
    assert.deepEqual(await source.readFile('HEAD', '.dolpsignore'), Buffer.from('*.bak\n'));
  });

  it('returns null for a missing path, a directory or a symlink', async () => {
    const repo = await repoWith({ 'dir/a': 'a', 'link': { symlink: 'dir/a' }, 'a1': 'not a[1]' });
    const source = await openGitSource(repo.dir, { env: gitEnv });
    assert.equal(await source.readFile('HEAD', '.dolpsignore'), null);
    assert.equal(await source.readFile('HEAD', 'dir'), null);
    assert.equal(await source.readFile('HEAD', 'link'), null);
    assert.equal(await source.readFile('HEAD', 'a[1]'), null);
  });
});
