// Finding the repository, naming commits, rewritten history, and the shallow CI clone that lacks
// the last synced commit (git-ftp's "Unknown SHA1 object", #244, #515, #543, #609).
import assert from 'node:assert/strict';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GitError, openGitSource } from '../../../src/sources/git/git-reader.js';
import { git, gitEnv, makeRepo, type TestRepo } from '../../helpers/gitdir.js';

const cleanups: (() => Promise<unknown>)[] = [];
after(() => Promise.all(cleanups.map((c) => c())));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dolps-git-test-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
async function repoWith(files: Parameters<typeof makeRepo>[0]): Promise<TestRepo> {
  const repo = await makeRepo(files);
  cleanups.push(() => repo.cleanup());
  return repo;
}

describe('openGitSource', () => {
  it('finds the toplevel and the local root inside it', async () => {
    const repo = await repoWith({ 'sql/etl/a.sql': 'a' });
    const source = await openGitSource(join(repo.dir, 'sql', 'etl'), { env: gitEnv });
    assert.equal(source.repoRoot, await realpath(repo.dir));
    assert.equal(source.prefix, 'sql/etl');
    assert.equal((await openGitSource(repo.dir, { env: gitEnv })).prefix, '');
  });

  it('keeps a local root with unicode, spaces and a newline in its name', async () => {
    const root = '数据 files/line\nbreak';
    const repo = await repoWith({ [`${root}/a.sql`]: 'a', 'other.sql': 'o' });
    const source = await openGitSource(join(repo.dir, root), { env: gitEnv });
    assert.equal(source.prefix, root);
    assert.deepEqual([...(await source.tree('HEAD')).files.keys()], ['a.sql']);
    assert.deepEqual(await source.readFile('HEAD', 'a.sql'), Buffer.from('a'));
  });

  it('fails with notARepository, keeping git\'s reason, outside a repository', async () => {
    const dir = await tempDir();
    await assert.rejects(openGitSource(dir, { env: { ...gitEnv, GIT_CEILING_DIRECTORIES: tmpdir() } }),
      (err) => err instanceof GitError && err.code === 'notARepository' && err.message.includes(dir)
        && err.stderr !== undefined && err.stderr !== '' && err.message.includes(err.stderr));
  });

  it('fails with localDirMissing for a directory that does not exist', async () => {
    await assert.rejects(openGitSource(join(tmpdir(), 'dolps-no-such-dir-4711')), (err) => err instanceof GitError && err.code === 'localDirMissing');
  });

  it('ignores a GIT_DIR left by a calling hook and reads the repository of the local directory', async () => {
    const repo = await repoWith({ 'a.sql': 'a' });
    const other = await repoWith({ 'b.sql': 'b' });
    const source = await openGitSource(repo.dir, { env: { ...gitEnv, GIT_DIR: join(other.dir, '.git') } });
    assert.deepEqual([...(await source.tree('HEAD')).files.keys()], ['a.sql']);
  });

  it('works on a bare repository: no working tree is needed', async () => {
    const repo = await repoWith({ 'a.sql': 'a' });
    const base = await repo.head();
    const head = await repo.commit({ 'b.sql': 'bb' });
    const bare = join(await tempDir(), 'bare.git');
    await git(repo.dir, ['clone', '--quiet', '--bare', repo.dir, bare]);
    const source = await openGitSource(bare, { env: gitEnv });
    assert.equal(source.prefix, '');
    assert.deepEqual((await source.diff(base, head)).map((c) => c.kind), ['added']);
    const file = (await source.tree(head)).files.get('b.sql');
    assert.ok(file);
    assert.equal(Buffer.concat(await (await source.open(file)).toArray()).toString(), 'bb');
  });
});

describe('GitSource.resolve and isAncestor', () => {
  it('resolves branch names and short ids to full ids, and answers null for what it does not know', async () => {
    const repo = await repoWith({ a: 'a' });
    const source = await openGitSource(repo.dir, { env: gitEnv });
    const head = await repo.head();
    assert.equal(await source.resolve('main'), head);
    assert.equal(await source.resolve(head.slice(0, 10)), head);
    for (const unknown of ['1'.repeat(40), 'no-such-branch', '--all', '', 'HEAD~5', await repo.run('rev-parse', 'HEAD^{tree}')]) {
      assert.equal(await source.resolve(unknown), null, unknown);
    }
  });

  it('says the old head is no ancestor after a force-push rewrote history', async () => {
    const repo = await repoWith({ a: 'a' });
    const root = await repo.head();
    const oldHead = await repo.commit({ b: 'first attempt' });
    await repo.run('reset', '--quiet', '--hard', root);
    const newHead = await repo.commit({ b: 'rewritten' });
    const source = await openGitSource(repo.dir, { env: gitEnv });
    assert.equal(await source.isAncestor(oldHead, newHead), false);
    assert.equal(await source.isAncestor(root, newHead), true);
    assert.equal(await source.isAncestor(newHead, newHead), true);
    assert.deepEqual((await source.diff(oldHead, newHead)).map((c) => c.kind), ['modified']);
    await assert.rejects(source.isAncestor('1'.repeat(40), newHead), (err) => err instanceof GitError && err.code === 'unknownRevision');
  });
});

describe('GitSource.fetchCommit in a shallow clone', () => {
  let origin: TestRepo;
  const history: string[] = [];
  let side = '';
  let clone = '';

  before(async () => {
    origin = await repoWith({ 'etl/step0.sql': 'step 0' });
    history.push(await origin.head());
    for (let i = 1; i <= 5; i++) history.push(await origin.commit({ [`etl/step${i}.sql`]: `step ${i}` }));
    await origin.run('checkout', '--quiet', '-b', 'side', history[1] ?? '');
    side = await origin.commit({ 'etl/side.sql': 'only on a side branch' });
    await origin.run('checkout', '--quiet', 'main');
    clone = join(await tempDir(), 'ci checkout');
    await git(origin.dir, ['clone', '--quiet', '--depth', '1', '--branch', 'main', `file://${origin.dir}`, clone]);
  });

  it('fetches an older commit from origin; it arrives connected, so ancestry and the diff are right', async () => {
    const source = await openGitSource(join(clone, 'etl'), { env: gitEnv });
    const oldest = history[0] ?? '';
    assert.equal(await source.isShallow(), true);
    assert.equal(await source.resolve(oldest), null);
    assert.equal(await source.fetchCommit(oldest), true);
    assert.equal(await source.resolve(oldest), oldest);
    assert.equal(await source.isAncestor(oldest, 'HEAD'), true);
    assert.deepEqual((await source.diff(oldest, 'HEAD')).map((c) => (c.kind === 'added' ? c.file.path : c.kind)),
      ['step1.sql', 'step2.sql', 'step3.sql', 'step4.sql', 'step5.sql']);
  });

  it('fetches by id a commit that is not in HEAD\'s history (another branch, rewritten history)', async () => {
    const source = await openGitSource(clone, { env: gitEnv });
    assert.equal(await source.fetchCommit(side), true);
    assert.equal(await source.isAncestor(side, 'HEAD'), false);
    assert.deepEqual(await source.readFile(side, 'etl/side.sql'), Buffer.from('only on a side branch'));
  });

  it('answers false, without throwing, for a commit origin does not have and for an abbreviated id', async () => {
    const source = await openGitSource(clone, { env: gitEnv });
    assert.equal(await source.fetchCommit('e'.repeat(40)), false);
    assert.equal(await source.fetchCommit((history[2] ?? '').slice(0, 12)), false);
  });
});

describe('GitSource.fetchCommit without a usable remote', () => {
  it('answers false when there is no origin', async () => {
    const repo = await repoWith({ a: 'a' });
    const source = await openGitSource(repo.dir, { env: gitEnv });
    assert.equal(await source.fetchCommit('e'.repeat(40)), false);
  });

  it('never waits for a password: a remote that asks for credentials gives false at once', { timeout: 20_000 }, async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const repo = await repoWith({ a: 'a' });
    await repo.run('remote', 'add', 'origin', `http://127.0.0.1:${(server.address() as AddressInfo).port}/repo.git`);
    const source = await openGitSource(repo.dir, { env: gitEnv });
    assert.equal(await source.fetchCommit('e'.repeat(40)), false);
    assert.ok(requests > 0, 'git did ask the server');
  });

  it('answers true at once for a commit already present, without fetching', async () => {
    const repo = await repoWith({ a: 'a' });
    await repo.run('remote', 'add', 'origin', join(tmpdir(), 'dolps-no-such-remote'));
    const source = await openGitSource(repo.dir, { env: gitEnv });
    assert.equal(await source.fetchCommit(await repo.head()), true);
  });
});
