// Blob reads through the one long-lived `git cat-file --batch` (and large blobs beside it), against real
// repositories: many blobs, callers in any order, awkward bytes, and a git process that goes away.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { BlobBatch } from '../../../src/sources/git/blob-batch.js';
import { gitContext } from '../../../src/sources/git/git-process.js';
import { BATCH_MAX_BYTES, GitError, openGitSource, type OwnedGitSource } from '../../../src/sources/git/git-reader.js';
import { gitBlob, type FileRef } from '../../../src/core/change.js';
import { gitEnv, makeRepo, type FileSpec, type TestRepo } from '../../helpers/gitdir.js';

const repos: TestRepo[] = [];
after(() => Promise.all(repos.map((r) => r.cleanup())));

async function sourceWith(files: Record<string, FileSpec>): Promise<{ repo: TestRepo; source: OwnedGitSource; refs: Map<string, FileRef> }> {
  const repo = await makeRepo(files);
  repos.push(repo);
  const source = await openGitSource(repo.dir, { env: gitEnv });
  return { repo, source, refs: new Map((await source.tree('HEAD')).files) };
}

async function bytesOf(source: OwnedGitSource, file: FileRef | undefined): Promise<Buffer> {
  assert.ok(file);
  return Buffer.concat(await (await source.open(file)).toArray());
}

const isGitError = (code: string) => (err: unknown) => err instanceof GitError && err.code === code;
const everyByte = Buffer.from(Array.from({ length: 256 * 3 }, (_, i) => i % 256));
// Looks like batch headers and ends without a newline: the parser must count bytes, never look for lines.
const headerLike = Buffer.from(`${'a'.repeat(40)} blob 12\nmissing\n\n${'b'.repeat(40)} missing`);
const overPipe = randomBytes(300 * 1024);
const large = randomBytes(BATCH_MAX_BYTES + 123_457);

describe('blob reads through one cat-file --batch', () => {
  it('reads 250 blobs opened at once, each byte for byte, through one process', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 250; i++) files[`d${i % 7}/f${i}.sql`] = `select ${i};\n`.repeat(i % 5);
    const { repo, refs } = await sourceWith(files);
    const batch = new BlobBatch(gitContext(repo.dir, gitEnv));
    const pending = [...refs.values()].map((f) => batch.read({ sha: f.id.hex, size: f.size, path: f.path }));
    const pid = batch.pid;
    assert.ok(pid !== undefined);
    const read = await Promise.all(pending);
    [...refs.values()].forEach((f, i) => assert.equal(read[i]?.toString(), files[f.path]));
    assert.equal(batch.pid, pid, 'the same git process answered them all');
    await batch.close();
  });

  it('streams every byte value, header-like bytes, an empty file and a blob larger than the pipe buffer', async () => {
    const { source, refs } = await sourceWith({ 'all.bin': everyByte, 'header.bin': headerLike, 'empty': '', 'big.bin': overPipe });
    assert.deepEqual(await bytesOf(source, refs.get('all.bin')), everyByte);
    assert.deepEqual(await bytesOf(source, refs.get('header.bin')), headerLike);
    assert.equal((await bytesOf(source, refs.get('empty'))).length, 0);
    assert.ok((await bytesOf(source, refs.get('big.bin'))).equals(overPipe));
    await source.close();
  });

  it('serves concurrent callers that consume in another order than they opened, small and large mixed', async () => {
    const files: Record<string, FileSpec> = { 'large.bin': large, 'over-pipe.bin': overPipe };
    for (let i = 0; i < 50; i++) files[`s${i}.txt`] = `small ${i}`;
    const { source, refs } = await sourceWith(files);
    const opened = await Promise.all([...refs.values()].map(async (f) => ({ f, stream: await source.open(f) })));
    for (const { f, stream } of opened.reverse()) {
      const bytes = Buffer.concat(await stream.toArray());
      assert.ok(bytes.equals(Buffer.isBuffer(files[f.path]) ? files[f.path] as Buffer : Buffer.from(files[f.path] as string)), f.path);
    }
    await source.close();
  });

  it('fails a missing blob and a wrong size with a GitError naming the path, and keeps serving the next reads', async () => {
    const { source, refs } = await sourceWith({ 'a.txt': 'four', 'b.txt': overPipe });
    const a = refs.get('a.txt');
    assert.ok(a);
    const ghost = await source.open({ path: 'ghost.txt', id: gitBlob('f'.repeat(40)), size: 3 });
    await assert.rejects(ghost.toArray(), (err) => isGitError('commandFailed')(err) && (err as GitError).path === 'ghost.txt');
    const wrongSize = await source.open({ ...a, size: 3 });
    await assert.rejects(wrongSize.toArray(), isGitError('unexpectedOutput'));
    const notAnId = await source.open({ ...a, id: gitBlob(`${a.id.hex}\nHEAD`) });
    await assert.rejects(notAnId.toArray(), isGitError('unexpectedOutput'));
    assert.equal((await bytesOf(source, a)).toString(), 'four');
    assert.ok((await bytesOf(source, refs.get('b.txt'))).equals(overPipe));
    await source.close();
  });

  it('fails the reads waiting on a git process that died, then starts a new one', async () => {
    const { repo, refs } = await sourceWith({ 'a.txt': 'alpha', 'b.txt': 'beta' });
    const batch = new BlobBatch(gitContext(repo.dir, gitEnv));
    const [a, b] = [refs.get('a.txt'), refs.get('b.txt')];
    assert.ok(a && b);
    assert.equal((await batch.read({ sha: a.id.hex, size: a.size, path: a.path })).toString(), 'alpha');
    const pid = batch.pid;
    assert.ok(pid !== undefined);
    process.kill(pid, 'SIGSTOP'); // so that the read below is surely waiting when git dies
    const waiting = batch.read({ sha: b.id.hex, size: b.size, path: b.path });
    process.kill(pid, 'SIGKILL');
    await assert.rejects(waiting, (err) => isGitError('commandFailed')(err) && /killed by SIGKILL/.test((err as GitError).message) && (err as GitError).path === 'b.txt');
    assert.equal((await batch.read({ sha: b.id.hex, size: b.size, path: b.path })).toString(), 'beta');
    assert.notEqual(batch.pid, pid);
    await batch.close();
  });

  it('close while reading fails the waiting reads and a large stream mid-way, ends git, and refuses later reads', async () => {
    const files: Record<string, FileSpec> = { 'large.bin': large };
    for (let i = 0; i < 100; i++) files[`s${i}.txt`] = `small ${i}`;
    const { repo, source, refs } = await sourceWith(files);
    const big = (await source.open(refs.get('large.bin') as FileRef))[Symbol.asyncIterator]();
    assert.equal((await big.next()).done, false, 'the large blob is being read');
    const smalls = [...refs.values()].filter((f) => f.path !== 'large.bin').map((f) => source.open(f));
    await source.close();
    for (const stream of await Promise.all(smalls)) await assert.rejects(stream.toArray(), isGitError('commandFailed'));
    await assert.rejects(async () => { while ((await big.next()).done !== true); }, isGitError('commandFailed'));
    await assert.rejects((await source.open(refs.get('s1.txt') as FileRef)).toArray(), isGitError('commandFailed'));
    const batch = new BlobBatch(gitContext(repo.dir, gitEnv));
    const s2 = refs.get('s2.txt') as FileRef;
    await batch.read({ sha: s2.id.hex, size: s2.size, path: s2.path });
    const pid = batch.pid as number;
    await batch.close();
    assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, 'the git process is gone after close');
  });
});
