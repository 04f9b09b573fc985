// Issue 15: `dolps-sync status` shows the server's marker, the commits since it under the local root,
// and the plan a sync would apply — and writes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';

describe('dolps-sync status', () => {
  let emulator: Emulator;
  let repo: TestRepo;
  const cli = (...args: string[]) => runCli(args, {
    cwd: repo.dir,
    env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/gitlab', DOLPS_LOCAL_DIR: `${repo.dir}/res` },
  });

  before(async () => {
    emulator = await startEmulator({ generation: '3.2' });
    repo = await makeRepo({ 'res/a.sql': 'select 1;\n', 'docs/readme.md': 'x\n' });
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
  });

  test('no marker yet: says so, and the plan is the first full sync; nothing written', async () => {
    const result = await cli('status');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^marker: none \(no sync has run into this remote root\)$/m);
    assert.match(result.stdout, /^create +a\.sql$/m);
    assert.equal(emulator.writeCount(), 0);
  });

  test('after a sync: the marker, the commits since under the local root only, and the plan', async () => {
    const synced = await runCli(['sync'], { cwd: repo.dir, env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/gitlab', DOLPS_LOCAL_DIR: `${repo.dir}/res` } });
    assert.equal(synced.code, 0, synced.stderr);
    const marker = await repo.head();
    await repo.commit({ 'res/b.sql': 'select 2;\n' }, 'add b | with a pipe');
    await repo.commit({ 'docs/readme.md': 'y\n' }, 'docs only');
    await repo.commit({ 'res/a.sql': 'select 11;\n' }, 'change a');
    emulator.clearRequests();
    const result = await cli('status');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^marker: ${marker.slice(0, 12)} synced \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z by dolps-sync \\S+ \\(local root "res" → /gitlab\\)$`, 'm'));
    assert.match(result.stdout, /^commits since, under the local root: 2$/m);
    assert.match(result.stdout, /^ {2}[0-9a-f]{12} change a\n {2}[0-9a-f]{12} add b \| with a pipe$/m);
    assert.doesNotMatch(result.stdout, /docs only/);
    assert.deepEqual(result.stdout.split('\n').filter((l) => /^(create|update) /.test(l)).sort(), ['create  b.sql', 'update  a.sql']);
    assert.match(result.stdout, /dry run, nothing changed [0-9a-f]{12}\.\.[0-9a-f]{12} \(incremental\)/);
    assert.equal(emulator.writeCount(), 0);
  });
});
