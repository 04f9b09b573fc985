// The core promise, through the real CLI against the emulator: after every sync the remote tree equals
// the commit's tree byte for byte, ids survive in-place updates and same-directory renames, a repeat
// or a dry run makes zero write requests, skipped commits are caught up, and a force-push converges.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { ALL_BYTES, FIRST_COMMIT } from '../helpers/history.js';
import { runCli } from '../helpers/run-cli.js';
import { localFiles, remoteDirs, remoteFiles, remoteIds, sortedEntries } from '../helpers/trees.js';

const ROOT = '/gitlab';

/** What each generation can hold, from its documented rules (README, API generations). */
const GENERATIONS = {
  '3.0': { idsSurvive: true, implicitParents: false, holds: (_path: string) => true },
  '3.1': { idsSurvive: true, implicitParents: false, holds: (_path: string) => true },
  '3.2': { idsSurvive: false, implicitParents: true, holds: (_path: string) => true },
  // 3.3 decides file vs directory by extension: a file without one cannot be stored.
  '3.3': { idsSurvive: false, implicitParents: true, holds: (path: string) => /\.[^./]+$/.test(path) },
} as const;

for (const [generation, traits] of Object.entries(GENERATIONS) as Array<[keyof typeof GENERATIONS, (typeof GENERATIONS)[keyof typeof GENERATIONS]]>) {
describe(`git history replayed against DolphinScheduler ${generation} (api auto-detected)`, () => {
  let emulator: Emulator;
  let repo: TestRepo;
  const sync = (...args: string[]) => runCli(['sync', ...args], {
    cwd: repo.dir,
    env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir },
  });
  async function assertRemoteEqualsCheckout(): Promise<void> {
    const expected = new Map([...(await localFiles(repo.dir))].filter(([path]) => traits.holds(path)));
    assert.deepEqual(sortedEntries(await remoteFiles(emulator, ROOT)), sortedEntries(expected));
  }

  before(async () => {
    emulator = await startEmulator({ generation });
    repo = await makeRepo({ ...FIRST_COMMIT });
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
  });

  test('first sync uploads the whole tree (directories first where the server needs them)', async () => {
    const result = await sync();
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, new RegExp(`DolphinScheduler ${generation.replace('.', '\\.')} .*detected by probing`));
    await assertRemoteEqualsCheckout();
    if (traits.implicitParents) assert.doesNotMatch(result.stdout, /mkdir/);
    else assert.match(result.stdout, /mkdir +deep\/l1\/l2\/l3\/l4\/l5\//);
    const skipped = traits.holds('Makefile') ? 0 : 1;
    const dirs = traits.implicitParents ? '' : ', \\d+ directories created';
    assert.match(result.stdout, new RegExp(`synced \\(none\\)\\.\\.[0-9a-f]{12} \\(full\\): \\d+ files created${dirs}${skipped ? ', 1 skipped' : ''} in `));
    if (skipped) assert.match(result.stdout, /skip +Makefile: file has no extension/);
  });

  test('every change kind: modify in place, add, delete, same-dir rename, cross-dir move, deleted tree, binary', async () => {
    const idsBefore = await remoteIds(emulator, ROOT);
    const binary = Buffer.concat([ALL_BYTES, Buffer.from(ALL_BYTES).reverse()]);
    await repo.rename('shell/run.sh', 'shell/start.sh');
    await repo.rename('move/me.sh', 'moved/me.sh');
    await repo.commit({
      'sql/a.sql': 'select 1 + 1;\n', 'sql/c.sql': 'select 3;\n', 'sql/b.sql': null, 'bin/tool.jar': binary,
      'old/tree/one.sh': null, 'old/tree/two/three.sh': null, 'old/top.sql': null,
    });
    const result = await sync();
    assert.equal(result.code, 0, result.stderr);
    await assertRemoteEqualsCheckout();
    if (traits.idsSurvive) {
      const idsAfter = await remoteIds(emulator, ROOT);
      assert.equal(idsAfter.get('sql/a.sql'), idsBefore.get('sql/a.sql'), 'modified file keeps its id');
      assert.equal(idsAfter.get('bin/tool.jar'), idsBefore.get('bin/tool.jar'), 'binary re-uploaded in place');
      assert.equal(idsAfter.get('shell/start.sh'), idsBefore.get('shell/run.sh'), 'same-directory rename keeps the id');
    } else {
      assert.match(result.stderr, /shell\/run\.sh → shell\/start\.sh: DolphinScheduler 3\.\d tasks reference resources by full path/);
    }
    const dirs = await remoteDirs(emulator, ROOT);
    assert.ok(!dirs.some((d) => d === 'old' || d.startsWith('old/')), `deleted tree removed, got ${dirs.join(', ')}`);
    assert.ok(!dirs.includes('move'), 'directory left empty by a move is removed');
    assert.match(result.stdout, /rename +shell\/run\.sh → shell\/start\.sh/);
  });

  test('a second sync of the same commit makes zero write requests', async () => {
    emulator.clearRequests();
    const result = await sync();
    assert.equal(result.code, 0, result.stderr);
    assert.equal(emulator.writeCount(), 0);
    assert.match(result.stdout, /up to date/);
  });

  test('--dry-run prints the plan and makes zero write requests', async () => {
    await repo.commit({ 'sql/a.sql': 'select 42;\n', 'new dir/n.sql': 'n\n' });
    emulator.clearRequests();
    const dry = await sync('--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(emulator.writeCount(), 0);
    assert.match(dry.stdout, /update +sql\/a\.sql/);
    assert.match(dry.stdout, /create +new dir\/n\.sql/);
    assert.match(dry.stdout, /dry run, nothing changed/);
    const real = await sync();
    assert.equal(real.code, 0, real.stderr);
    await assertRemoteEqualsCheckout();
  });

  test('commits made between two syncs are caught up from the marker on the server', async () => {
    await repo.commit({ 'catch/one.sql': '1\n' });
    await repo.commit({ 'catch/two.sql': '2\n', 'sql/c.sql': null });
    await repo.commit({ 'catch/one.sql': 'one, changed\n' });
    const result = await sync();
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /\(incremental\)/);
    await assertRemoteEqualsCheckout();
  });

  test('a force-push (marker commit no longer an ancestor) converges through a full reconcile', async () => {
    await repo.run('reset', '--hard', 'HEAD~2');
    await repo.commit({ 'rewritten.sql': 'history was rewritten\n', 'sql/a.sql': 'select 7;\n' });
    emulator.clearRequests();
    const result = await sync();
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /not an ancestor.*full reconcile/);
    await assertRemoteEqualsCheckout();
    const markerFile = (await emulator.snapshot()).get(`${ROOT}/.dolps-sync-state.json`);
    const marker = JSON.parse(markerFile?.content?.toString('utf8') ?? '{}') as { commit?: string };
    assert.equal(marker.commit, await repo.head(), 'the marker records the synced commit');
    const again = await sync();
    assert.match(again.stdout, /up to date/);
  });

  test('--json prints exactly one object with the operations and the summary', async () => {
    await repo.commit({ 'json/one.sh': 'echo 1\n' });
    const result = await sync('--json');
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      from: string; to: string; dryRun: boolean; operations: Array<{ op: string; path: string; ok: boolean }>;
      summary: Record<string, number>;
    };
    assert.equal(report.to, await repo.head());
    assert.equal(report.dryRun, false);
    const mkdir = traits.implicitParents ? [] : ['mkdir json true'];
    assert.deepEqual(report.operations.map((o) => `${o.op} ${o.path} ${o.ok}`), [...mkdir, 'create json/one.sh true']);
    assert.deepEqual(report.summary, { created: mkdir.length + 1, updated: 0, deleted: 0, renamed: 0, skipped: 0, failed: 0 });
  });
});
}
