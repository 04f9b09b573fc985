// What is synced: only the configured subdirectory, minus what .dolpsignore excludes (git's rules).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';
import { remoteFiles } from '../helpers/trees.js';

for (const generation of ['3.1', '3.2', '3.3'] as const) {
describe(`scope of a sync (DolphinScheduler ${generation})`, () => {
  let emulator: Emulator;
  let repo: TestRepo;
  before(async () => {
    emulator = await startEmulator({ generation });
    repo = await makeRepo({
      'README.md': 'not a resource\n',
      'app/src/main.py': 'outside the local root\n',
      'resources/.dolpsignore': '*.log\n!keep.log\n/build/\ntmp/\n',
      'resources/a.sql': 'a\n',
      'resources/debug.log': 'ignored\n',
      'resources/keep.log': 'negated: kept\n',
      'resources/build/out.sh': 'anchored: ignored\n',
      'resources/sub/build/in.sh': 'not at the root: kept\n',
      'resources/tmp/t.sh': 'dir-only: ignored\n',
      'resources/sub/tmp/t2.sh': 'dir-only at any depth: ignored\n',
      'resources/sub/tmp.sh': 'a file, not the tmp/ directory: kept\n',
    });
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
  });

  test('[resource_file] src_dir at a subdirectory syncs only that subtree, relative to it, minus .dolpsignore', async () => {
    const result = await runCli(['sync'], {
      cwd: repo.dir,
      env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/res', DOLPS_LOCAL_DIR: join(repo.dir, 'resources') },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual([...(await remoteFiles(emulator, '/res')).keys()].sort(), [
      'a.sql', 'keep.log', 'sub/build/in.sh', 'sub/tmp.sh',
    ]);
    const all = [...(await emulator.snapshot()).keys()];
    assert.ok(all.every((p) => p === '/res' || p.startsWith('/res/')), `nothing outside the remote root: ${all.join(', ')}`);
  });

  test('a later change outside the subdirectory is not a change at all', async () => {
    await repo.commit({ 'app/src/main.py': 'changed outside\n', 'README.md': null });
    emulator.clearRequests();
    const result = await runCli(['sync', '--quiet'], {
      cwd: repo.dir,
      env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/res', DOLPS_LOCAL_DIR: join(repo.dir, 'resources') },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '', 'quiet when nothing under the local root changed');
  });
});
}
