// Issue 11, the data-loss cases (3, 4, 7, max-delete): each through the built CLI against the emulator
// on 3.1 and 3.3, named after its case. The data another run synced is still there afterwards.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeMarker } from '../../src/app/marker-store.js';
import type { Marker } from '../../src/core/marker.js';
import { LEASE_NAME } from '../../src/core/reserved.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { openAdapter } from '../helpers/open-adapter.js';
import { git, makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { remoteFiles } from '../helpers/trees.js';

const TOKEN = 'Data-L0ss-Token-5e2';
const MARKER = '.dolps-sync-state.json';

for (const generation of ['3.1', '3.3'] as const) {
describe(`data loss, issue 11 (DolphinScheduler ${generation})`, () => {
  let emulator: Emulator;
  let top: string;
  const repos: TestRepo[] = [];
  const sync = (dir: string, root: string, ...args: string[]): Promise<CliResult> => runCli(['sync', '--retries', '0', ...args], {
    cwd: dir,
    env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: TOKEN, DOLPS_REMOTE_DIR: root, DOLPS_LOCAL_DIR: dir, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
  const newRepo = async (files: Record<string, string>) => {
    const repo = await makeRepo(files);
    repos.push(repo);
    return repo;
  };
  const names = async (root: string) => [...(await remoteFiles(emulator, root)).keys()].sort();
  const markerCommit = async (root: string) => {
    const entry = (await emulator.snapshot()).get(`${root}/${MARKER}`);
    return entry?.kind === 'file' && entry.content ? (JSON.parse(entry.content.toString('utf8')) as { commit: string }).commit : undefined;
  };
  /** Two clones of one origin, both on main tracking origin/main (two laptops with the post-commit hook). */
  const twoClones = async (files: Record<string, string>) => {
    const first = await newRepo(files);
    const origin = join(top, `origin-${generation}-${repos.length}.git`);
    await git(top, ['clone', '--quiet', '--bare', first.dir, origin]);
    await first.run('remote', 'add', 'origin', origin);
    await first.run('fetch', '--quiet', 'origin');
    await first.run('branch', '--quiet', '--set-upstream-to=origin/main', 'main');
    const secondDir = join(top, `second-${generation}-${repos.length}`);
    // The clone's own config in the clone command: no `git config` processes, no background gc or maintenance.
    const config = ['user.name=Other', 'user.email=o@example.com', 'commit.gpgsign=false', 'gc.auto=0', 'maintenance.auto=false'];
    await git(top, ['clone', '--quiet', ...config.flatMap((c) => ['-c', c]), origin, secondDir]);
    return { first, secondDir };
  };

  before(async () => {
    emulator = await startEmulator({ generation, tokens: [TOKEN] });
    top = await mkdtemp(join(tmpdir(), 'dolps-data-loss-'));
  });
  after(async () => {
    await emulator?.stop();
    for (const repo of repos) await repo.cleanup();
    await rm(top, { recursive: true, force: true });
  });

  test('case 3: sync --to an older commit (behind the marker) refuses with exit 5 and keeps the newer files; --force goes through', async () => {
    const repo = await newRepo({ 'a.sql': 'a\n' });
    const old = await repo.head();
    await repo.commit({ 'b.sql': 'b\n' });
    assert.equal((await sync(repo.dir, '/d3a')).code, 0);
    const result = await sync(repo.dir, '/d3a', '--to', old);
    assert.equal(result.code, 5, result.stdout + result.stderr);
    assert.match(result.stderr, /^error: the server is ahead of this commit: it was last synced to [0-9a-f]{12}.*--force/m);
    assert.deepEqual(await names('/d3a'), ['a.sql', 'b.sql']);
    assert.equal(await markerCommit('/d3a'), await repo.head());
    const full = await sync(repo.dir, '/d3a', '--to', old, '--full');
    assert.equal(full.code, 5, 'a full reconcile from behind refuses too');
    const forced = await sync(repo.dir, '/d3a', '--to', old, '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.deepEqual(await names('/d3a'), ['a.sql']);
    assert.equal(await markerCommit('/d3a'), old);
  });

  test('case 3: a clone that is behind (did not pull) refuses; one whose own commit diverged refuses "pull first"', async () => {
    const { first, secondDir } = await twoClones({ 'a.sql': 'a\n' });
    await first.commit({ 'newer.sql': 'from the first laptop\n' });
    await first.run('push', '--quiet', 'origin', 'main');
    assert.equal((await sync(first.dir, '/d3b')).code, 0);
    const behind = await sync(secondDir, '/d3b');
    assert.equal(behind.code, 5, behind.stdout + behind.stderr);
    assert.match(behind.stderr, /server is ahead of this commit/);
    await git(secondDir, ['commit', '--quiet', '--allow-empty', '-m', 'own work']);
    const diverged = await sync(secondDir, '/d3b');
    assert.equal(diverged.code, 5, diverged.stdout + diverged.stderr);
    assert.match(diverged.stderr, /origin\/main holds.*pull first/);
    assert.deepEqual(await names('/d3b'), ['a.sql', 'newer.sql'], 'the newer file another person synced is kept');
    await git(secondDir, ['pull', '--quiet', '--no-rebase', '--no-edit', 'origin', 'main']);
    const pulled = await sync(secondDir, '/d3b');
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.deepEqual(await names('/d3b'), ['a.sql', 'newer.sql']);
  });

  test('case 3: a real force-push (the upstream no longer holds the marker commit) still converges without --force', async () => {
    const { first } = await twoClones({ 'a.sql': 'a\n' });
    await first.commit({ 'gone.sql': 'rewritten away\n' });
    await first.run('push', '--quiet', 'origin', 'main');
    assert.equal((await sync(first.dir, '/d3c')).code, 0);
    await first.run('reset', '--quiet', '--hard', 'HEAD~1');
    await first.commit({ 'kept.sql': 'new history\n' });
    await first.run('push', '--quiet', '--force', 'origin', 'main');
    const result = await sync(first.dir, '/d3c');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /not an ancestor.*full reconcile/);
    assert.deepEqual(await names('/d3c'), ['a.sql', 'kept.sql']);
  });

  test('case 4: another repository pointed at a root this one manages refuses with exit 2 and deletes nothing; --adopt takes it over', async () => {
    const owner = await newRepo({ 'owned.sql': 'owned\n' });
    await owner.run('remote', 'add', 'origin', 'https://owner:S3cret-In-Url@git.example/owner.git');
    assert.equal((await sync(owner.dir, '/d4')).code, 0);
    const marker = (await emulator.snapshot()).get(`/d4/${MARKER}`);
    const text = marker?.kind === 'file' ? marker.content?.toString('utf8') ?? '' : '';
    assert.match(text, /"rootCommits"/);
    assert.doesNotMatch(text, /S3cret-In-Url/, 'the remote URL is masked in the marker');
    const other = await newRepo({ 'mine.sql': 'another repository\n' });
    const refused = await sync(other.dir, '/d4', '--full');
    assert.equal(refused.code, 2, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /^error: the remote root is managed by another repository \(https:\/\/\*\*\*@git\.example\/owner\.git\).*--adopt/m);
    assert.deepEqual(await names('/d4'), ['owned.sql']);
    const adopted = await sync(other.dir, '/d4', '--adopt');
    assert.equal(adopted.code, 0, adopted.stderr);
    assert.deepEqual(await names('/d4'), ['mine.sql']);
    assert.equal((await sync(other.dir, '/d4')).code, 0, 'the root is now this repository\'s');
  });

  test('case 4: a marker written before identities were recorded is adopted silently and then records it', async () => {
    const repo = await newRepo({ 'a.sql': 'a\n' });
    assert.equal((await sync(repo.dir, '/d4old')).code, 0);
    const entry = (await emulator.snapshot()).get(`/d4old/${MARKER}`);
    const old = JSON.parse(entry?.kind === 'file' ? entry.content?.toString('utf8') ?? '{}' : '{}') as Record<string, unknown>;
    delete old['repository'];
    const center = openAdapter(generation, { baseUrl: emulator.url, auth: { token: TOKEN }, remoteRoot: '/d4old', timeoutMs: 5000, retries: 0 });
    try {
      await center.connect();
      await writeMarker(center, old as unknown as Marker, true);
    } finally {
      await center.close();
    }
    await repo.commit({ 'b.sql': 'b\n' });
    const result = await sync(repo.dir, '/d4old');
    assert.equal(result.code, 0, result.stderr);
    const rewritten = (await emulator.snapshot()).get(`/d4old/${MARKER}`);
    assert.doesNotMatch(JSON.stringify(old), /rootCommits/);
    assert.match(rewritten?.kind === 'file' ? rewritten.content?.toString('utf8') ?? '' : '', /"rootCommits"/);
  });

  test('max-delete: a plan deleting more than 50 % of more than 10 managed files refuses with exit 2; --max-delete 100% allows it', async () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.sql`, `${i}\n`]));
    const repo = await newRepo(files);
    assert.equal((await sync(repo.dir, '/dmax')).code, 0);
    await repo.commit(Object.fromEntries(Object.keys(files).slice(0, 7).map((f) => [f, null])));
    const markerBefore = await markerCommit('/dmax');
    const refused = await sync(repo.dir, '/dmax');
    assert.equal(refused.code, 2, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /^error: the plan would delete 7 of the 12 managed files.*--max-delete 100%/m);
    // Nothing of the tree is written: the only writes are the lease's own, taken and released around the plan.
    assert.equal((await names('/dmax')).length, 12);
    assert.equal(await markerCommit('/dmax'), markerBefore, 'the marker did not move');
    assert.equal((await emulator.snapshot()).has(`/dmax/${LEASE_NAME}`), false, 'the lease was released');
    const allowed = await sync(repo.dir, '/dmax', '--max-delete', '100%');
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal((await names('/dmax')).length, 5);
  });

  test('case 7: --prune with the remote root / refuses with exit 2 before any request; --prune-root lets it through', async () => {
    const other = await newRepo({ 'theirs.sql': 'another root\n' });
    assert.equal((await sync(other.dir, '/d7other')).code, 0);
    const repo = await newRepo({ 'mine.sql': 'mine\n' });
    emulator.clearRequests();
    const refused = await sync(repo.dir, '/', '--full', '--prune');
    assert.equal(refused.code, 2, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /^error: --prune with the remote root \/ would delete.*--prune-root/m);
    assert.equal(emulator.requests.length, 0, 'no request before the refusal');
    assert.deepEqual(await names('/d7other'), ['theirs.sql']);
    const dry = await sync(repo.dir, '/', '--full', '--prune', '--prune-root', '--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /delete\s+d7other\/theirs\.sql/);
  });
});
}
