// The reference guard (issue 14) through the built CLI against the emulator with seeded workflows: a
// delete or move of a file a task uses is refused naming who uses it, whatever the server would allow;
// --references=warn applies and reports; a run with only creates and updates reads no workflow.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';
import { remoteFiles } from '../helpers/trees.js';

const TOKEN = 'refs-e2e-token';
const ROOT = '/refs';
const FILES = { 'used.sh': 'used\n', 'dir/moved.sh': 'moved\n', 'same.sh': 'same\n', 'unused.sh': 'unused\n', 'a.sql': 'a v1\n' };
const SEED = {
  projects: [{ name: 'etl', workflows: [{ name: 'nightly', online: false, tasks: [
    { name: 'load', resources: [`${ROOT}/used.sh`] },
    { name: 'move', resources: [`${ROOT}/dir/moved.sh`] },
    { name: 'jar', type: 'SPARK', mainJar: `${ROOT}/same.sh` },
  ] }] }],
};

const scanRequests = (emulator: Emulator) => emulator.requests.filter((r) => r.path.startsWith('/projects'));

for (const generation of ['3.1', '3.2', '3.3'] as const) {
  // 3.0/3.1 keep the id on a rename within a directory: tasks keep working, so it is never refused.
  const renameKeepsId = generation === '3.1';
  describe(`reference guard (DolphinScheduler ${generation})`, () => {
    let emulator: Emulator;
    let repo: TestRepo;
    let removals: Promise<string> | undefined;
    // Deletes used.sh and unused.sh, moves dir/moved.sh to other/, renames same.sh in place; once per suite.
    const commitRemovals = () => (removals ??= repo.commit({
      'used.sh': null, 'unused.sh': null, 'dir/moved.sh': null, 'other/moved.sh': 'moved\n', 'same.sh': null, 'same2.sh': 'same\n',
    }));
    const sync = (...args: string[]) => runCli(['sync', '--retries', '0', ...args], {
      cwd: repo.dir, env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: TOKEN, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir },
    });
    before(async () => {
      emulator = await startEmulator({ generation, tokens: [TOKEN] });
      repo = await makeRepo(FILES);
      const first = await sync();
      assert.equal(first.code, 0, first.stderr);
      await emulator.seedWorkflows(SEED);
    });
    after(async () => {
      await emulator?.stop();
      await repo?.cleanup();
    });

    if (generation !== '3.3') test('a run with only creates and updates reads no workflow', async () => {
      emulator.clearRequests();
      await repo.commit({ 'a.sql': 'a v2\n', 'b.sql': 'b\n' });
      const result = await sync();
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(scanRequests(emulator), []);
    });

    if (generation !== '3.3') test('refs PATH… prints who uses each file and changes nothing', async () => {
      emulator.clearRequests();
      const result = await runCli(['refs', 'used.sh', '/same.sh', 'unused.sh', 'missing.sh'], {
        cwd: repo.dir, env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: TOKEN, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir },
      });
      assert.equal(result.code, 1, 'missing.sh is not on the server');
      assert.equal(result.stdout, [
        'used.sh: used by 1 task', '  project etl, workflow nightly (offline), task load (resource list)',
        'same.sh: used by 1 task', '  project etl, workflow nightly (offline), task jar (main jar)',
        'unused.sh: used by no task', 'missing.sh: not found on the server', '',
      ].join('\n'));
      assert.equal(emulator.writeCount(), 0);
    });

    if (generation !== '3.3') test('--dry-run --json carries usedBy on each operation that removes or moves a file', async () => {
      await commitRemovals();
      const result = await sync('--dry-run', '--json');
      assert.equal(result.code, 0, result.stderr);
      const ops = (JSON.parse(result.stdout) as { operations: { op: string; path: string; refused?: string; usedBy?: unknown[] }[] }).operations;
      const byPath = (path: string) => ops.find((o) => o.path === path && (o.op === 'refuse' || o.op === 'delete' || o.op === 'rename'));
      assert.deepEqual(byPath('used.sh'), {
        op: 'refuse', path: 'used.sh', ok: true, refused: 'delete',
        reason: 'delete used.sh: refused, used by project etl, workflow nightly (offline), task load (resource list); change those tasks first, or run with --references=warn',
        usedBy: [{ project: 'etl', workflow: 'nightly', online: false, task: 'load', field: 'resource list' }],
      });
      assert.deepEqual(byPath('unused.sh'), { op: 'delete', path: 'unused.sh', ok: true, usedBy: [] });
      assert.equal(byPath('dir/moved.sh')?.op, 'refuse', 'a move across directories loses the id or the path');
      const renamed = ops.find((o) => o.path === 'same2.sh');
      assert.equal(renamed?.op, renameKeepsId ? 'rename' : 'refuse');
    });

    test('refuse (default): a used file is neither deleted nor moved; the rest applies; the marker stays', async () => {
      await commitRemovals();
      const result = await sync();
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stdout, /FAILED +delete used\.sh: refused, used by project etl, workflow nightly \(offline\), task load \(resource list\)/);
      assert.match(result.stdout, /FAILED +delete dir\/moved\.sh: refused, used by project etl, workflow nightly \(offline\), task move \(resource list\)/);
      assert.match(result.stdout, /delete +unused\.sh/);
      const remote = await remoteFiles(emulator, ROOT);
      assert.ok(remote.has('used.sh') && remote.has('dir/moved.sh'), 'used files stay');
      assert.ok(!remote.has('unused.sh'), 'unused files are deleted as before');
      assert.ok(remote.has('other/moved.sh'));
      assert.equal(remote.has('same2.sh'), renameKeepsId, 'a same-directory rename keeps the id on 3.1 only');
      assert.match(result.stderr, /references: \d+ tasks in 1 projects read through the REST API/);
      assert.match(result.stdout, /the marker did not move/);
    });

    if (generation !== '3.3') test('--references=warn applies and names the users under each operation', async () => {
      const result = await sync('--references=warn');
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /delete +used\.sh\n +used by project etl, workflow nightly \(offline\), task load \(resource list\)/);
      const remote = await remoteFiles(emulator, ROOT);
      assert.ok(!remote.has('used.sh') && !remote.has('dir/moved.sh') && remote.has('same2.sh'));
    });
  });
}
