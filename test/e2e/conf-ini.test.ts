// The original tool's conf.ini, unchanged, drives a real sync: the four legacy [url] endpoint keys,
// [dolps] src_dir as the remote root, [resource_file] src_dir at a subdirectory (relative to the file),
// and the token from the environment only.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';
import { remoteFiles } from '../helpers/trees.js';

describe("the original tool's conf.ini", () => {
  let emulator: Emulator;
  let repo: TestRepo;
  let conf: string;
  before(async () => {
    emulator = await startEmulator({ generation: '3.1' });
    repo = await makeRepo({
      'etc/README.md': 'the config lives next to the resources',
      'resources/sql/report.sql': 'select 1;\n',
      'resources/shell/run.sh': 'echo run\n',
      'other/ignored.py': 'outside src_dir\n',
    });
    conf = join(repo.dir, 'etc', 'conf.ini');
    const u = emulator.url;
    await writeFile(conf, [
      '[url]',
      `create_dir = ${u}/resources/directory`,
      `create_file = ${u}/resources`,
      `delete_update_resource = ${u}/resources/`,
      `query_resource = ${u}/resources/list`,
      '[dolps]',
      'user_name = admin',
      'token =',
      'src_dir = /gitlab',
      '[db]',
      'type =',
      '[resource_file]',
      'src_dir = ../resources',
      'log_dir =',
      '',
    ].join('\n'));
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
  });

  test('syncs [resource_file] src_dir (relative to the file) into [dolps] src_dir, token from DOLPS_TOKEN', async () => {
    const result = await runCli(['sync', '--config', conf, '--verbose'], { cwd: repo.dir, env: { DOLPS_TOKEN: emulator.token } });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual([...(await remoteFiles(emulator, '/gitlab')).keys()].sort(), ['shell/run.sh', 'sql/report.sql']);
    assert.match(result.stderr, /url = .*\(from .*conf\.ini \[url\] create_dir\)/);
    assert.match(result.stderr, /token = \*\*\* \(from DOLPS_TOKEN\)/);
  });

  test('DOLPS_CONFIG names the same file; a flag overrides it', async () => {
    await repo.commit({ 'resources/sql/more.sql': 'select 2;\n' });
    const result = await runCli(['sync', '--remote-dir', '/other-root'], { cwd: repo.dir, env: { DOLPS_TOKEN: emulator.token, DOLPS_CONFIG: conf } });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual([...(await remoteFiles(emulator, '/other-root')).keys()].sort(), ['shell/run.sh', 'sql/more.sql', 'sql/report.sql']);
  });
});
