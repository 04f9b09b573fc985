// GitSource.diff on real repositories: every kind of change, renames across the local root, type
// changes, things that are never followed, and names that break naive parsing.
import assert from 'node:assert/strict';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gitBlob, type Change } from '../../../src/core/change.js';
import { GitError, openGitSource, type GitSource } from '../../../src/sources/git/git-reader.js';
import { gitEnv, makeRepo, type FileSpec, type TestRepo } from '../../helpers/gitdir.js';

const repos: TestRepo[] = [];
after(() => Promise.all(repos.map((r) => r.cleanup())));

async function setup(files: Record<string, FileSpec>, localDir = ''): Promise<{ repo: TestRepo; source: GitSource; base: string }> {
  const repo = await makeRepo(files);
  repos.push(repo);
  return { repo, source: await openGitSource(join(repo.dir, localDir), { env: gitEnv }), base: await repo.head() };
}

const blob = (repo: TestRepo, rev: string, path: string): Promise<string> => repo.run('rev-parse', `${rev}:${path}`);
const byPath = (changes: Change[]): Change[] =>
  [...changes].sort((a, b) => ('file' in a ? a.file.path : a.path).localeCompare('file' in b ? b.file.path : b.path));

describe('GitSource.diff', () => {
  it('reports added, modified and deleted files with blob ids and sizes from the commit', async () => {
    const { repo, source, base } = await setup({ 'keep.sql': 'select 1;', 'edit.sql': 'v1', 'drop.sql': 'bye' });
    const head = await repo.commit({ 'new.sql': 'hello', 'edit.sql': 'version 2', 'drop.sql': null });
    assert.deepEqual(byPath(await source.diff(base, head)), [
      { kind: 'deleted', path: 'drop.sql' },
      { kind: 'modified', file: { path: 'edit.sql', id: gitBlob(await blob(repo, head, 'edit.sql')), size: 9 } },
      { kind: 'added', file: { path: 'new.sql', id: gitBlob(await blob(repo, head, 'new.sql')), size: 5 } },
    ]);
  });

  it('returns nothing between a commit and itself', async () => {
    const { source, base } = await setup({ a: 'a' });
    assert.deepEqual(await source.diff(base, 'HEAD'), []);
  });

  it('reports a rename inside the local root with similarity 100 when the content is identical', async () => {
    const { repo, source, base } = await setup({ 'sql/a.sql': 'select 1 from dual;\n'.repeat(20) }, 'sql');
    await repo.rename('sql/a.sql', 'sql/moved/b.sql');
    const head = await repo.commit({});
    assert.deepEqual(await source.diff(base, head), [
      { kind: 'renamed', from: 'a.sql', file: { path: 'moved/b.sql', id: gitBlob(await blob(repo, head, 'sql/moved/b.sql')), size: 400 }, similarity: 100 },
    ]);
  });

  it('reports a rename with modification with git similarity below 100', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}\n`).join('');
    const { repo, source, base } = await setup({ 'job.sh': lines });
    await repo.rename('job.sh', 'jobs/job.sh');
    const head = await repo.commit({ 'jobs/job.sh': `${lines}one more line\n` });
    const [change, ...rest] = await source.diff(base, head);
    assert.deepEqual(rest, []);
    assert.equal(change?.kind, 'renamed');
    if (change?.kind !== 'renamed') return;
    assert.equal(change.from, 'job.sh');
    assert.equal(change.file.path, 'jobs/job.sh');
    assert.ok(change.similarity >= 50 && change.similarity < 100, `similarity ${change.similarity}`);
  });

  it('turns a rename into the local root into an add, and out of it into a delete', async () => {
    const { repo, source, base } = await setup({ 'outside/in.sql': 'coming in\n', 'root/out.sql': 'going out\n', 'outside/other': 'x' }, 'root');
    await repo.rename('outside/in.sql', 'root/in.sql');
    await repo.rename('root/out.sql', 'outside/out.sql');
    const head = await repo.commit({ 'outside/other': 'changed outside' });
    assert.deepEqual(byPath(await source.diff(base, head)), [
      { kind: 'added', file: { path: 'in.sql', id: gitBlob(await blob(repo, head, 'root/in.sql')), size: 10 } },
      { kind: 'deleted', path: 'out.sql' },
    ]);
  });

  it('turns regular -> symlink into delete + unsupported, and symlink -> regular into an add', async () => {
    const { repo, source, base } = await setup({ 'conf.ini': 'a=1', 'target.ini': 'b=2', 'link.ini': { symlink: 'target.ini' } });
    const head = await repo.commit({ 'conf.ini': { symlink: 'target.ini' }, 'link.ini': 'now a file' });
    assert.deepEqual(await source.diff(base, head), [
      { kind: 'deleted', path: 'conf.ini' },
      { kind: 'unsupported', path: 'conf.ini', reason: 'symlink: not followed' },
      { kind: 'added', file: { path: 'link.ini', id: gitBlob(await blob(repo, head, 'link.ini')), size: 10 } },
    ]);
  });

  it('reports an added symlink and an added submodule as not followed', async () => {
    const { repo, source, base } = await setup({ 'data.csv': '1,2' });
    await repo.submodule('vendor/lib', base);
    const head = await repo.commit({ 'latest.csv': { symlink: 'data.csv' } });
    assert.deepEqual(await source.diff(base, head), [
      { kind: 'unsupported', path: 'latest.csv', reason: 'symlink: not followed' },
      { kind: 'unsupported', path: 'vendor/lib', reason: 'submodule: not followed' },
    ]);
  });

  it('turns regular -> submodule into delete + unsupported', async () => {
    const { repo, source, base } = await setup({ lib: 'was a file' });
    await repo.submodule('lib', base);
    const head = await repo.commit({});
    assert.deepEqual(await source.diff(base, head), [
      { kind: 'deleted', path: 'lib' },
      { kind: 'unsupported', path: 'lib', reason: 'submodule: not followed' },
    ]);
  });

  it('ignores a mode-only change (chmod +x, same content)', async () => {
    const { repo, source, base } = await setup({ 'run.sh': 'echo hi\n' });
    await chmod(join(repo.dir, 'run.sh'), 0o755);
    const head = await repo.commit({});
    assert.equal(await repo.run('diff-tree', '--raw', '--no-commit-id', '-r', head), `:100644 100755 ${await blob(repo, base, 'run.sh')} ${await blob(repo, head, 'run.sh')} M\trun.sh`);
    assert.deepEqual(await source.diff(base, head), []);
  });

  it('keeps awkward names intact: unicode with a space, a newline, a leading dash, quotes, no extension, deep nesting', async () => {
    const names = ['报表 daily ünï.sql', 'line\nbreak.sql', '-rf', 'say "hi" \'there\'.sh', 'Makefile', 'a/b/c/d/e/f/g/h/i/j/deep.sql', 'glob*[x]?.sql'];
    const { repo, source, base } = await setup({ 'readme': 'x' });
    const head = await repo.commit(Object.fromEntries(names.map((n, i) => [n, `content ${i}`])));
    const changes = await source.diff(base, head);
    assert.deepEqual(changes.map((c) => (c.kind === 'added' ? c.file.path : c.kind)).sort(), [...names].sort());
    for (const change of changes) {
      if (change.kind !== 'added') continue;
      const bytes = Buffer.concat(await (await source.open(change.file)).toArray());
      assert.equal(bytes.toString(), `content ${names.indexOf(change.file.path)}`);
    }
  });

  it('takes the local root literally: a root named data[1] does not match data1', async () => {
    const { repo, source, base } = await setup({ 'data[1]/a.sql': 'a', 'data1/b.sql': 'b' }, 'data[1]');
    assert.equal(source.prefix, 'data[1]');
    const head = await repo.commit({ 'data[1]/a.sql': 'a2', 'data1/b.sql': 'b2' });
    assert.deepEqual((await source.diff(base, head)).map((c) => c.kind === 'modified' && c.file.path), ['a.sql']);
  });

  it('reads only the commits: a dirty working tree changes nothing', async () => {
    const { repo, source, base } = await setup({ 'a.sql': 'committed' });
    const head = await repo.commit({ 'b.sql': 'committed too' });
    await writeFile(join(repo.dir, 'a.sql'), 'dirty edit');
    await writeFile(join(repo.dir, 'untracked.sql'), 'never added');
    const [change] = await source.diff(base, head);
    assert.equal(change?.kind, 'added');
    assert.deepEqual(await source.readFile(head, 'a.sql'), Buffer.from('committed'));
  });

  it('fails with unknownRevision for a commit the clone does not have', async () => {
    const { source, base } = await setup({ a: 'a' });
    await assert.rejects(source.diff('1'.repeat(40), base), (err) => err instanceof GitError && err.code === 'unknownRevision' && err.rev === '1'.repeat(40));
  });
});
