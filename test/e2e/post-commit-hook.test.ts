// hooks/post-commit, installed as a user would: each commit syncs HEAD; quiet when nothing under the
// local root changed; a failed sync never fails the commit.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { CLI_PATH } from '../helpers/run-cli.js';
import { remoteFiles } from '../helpers/trees.js';

const run = promisify(execFile);
const HOOK = fileURLToPath(new URL('../../../hooks/post-commit', import.meta.url));

describe('hooks/post-commit', () => {
  let emulator: Emulator;
  let repo: TestRepo;
  let bin: string;
  let env: NodeJS.ProcessEnv;
  async function commit(files: Record<string, string>, message: string): Promise<{ stdout: string; stderr: string }> {
    for (const [path, text] of Object.entries(files)) await writeFile(join(repo.dir, path), text);
    await run('git', ['add', '-A'], { cwd: repo.dir, env });
    return run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-m', message], { cwd: repo.dir, env });
  }

  before(async () => {
    emulator = await startEmulator({ generation: '3.1' });
    repo = await makeRepo({ 'res/a.sql': 'a\n', 'notes.txt': 'outside the local root\n' });
    bin = await mkdtemp(join(tmpdir(), 'dolps-bin-'));
    await writeFile(join(bin, 'dolps-sync'), `#!/bin/sh\nexec "${process.execPath}" "${CLI_PATH}" "$@"\n`);
    await chmod(join(bin, 'dolps-sync'), 0o755);
    await copyFile(HOOK, join(repo.dir, '.git', 'hooks', 'post-commit'));
    await chmod(join(repo.dir, '.git', 'hooks', 'post-commit'), 0o755);
    env = {
      PATH: `${bin}:${process.env['PATH'] ?? ''}`, HOME: process.env['HOME'] ?? '/tmp',
      DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/hook', DOLPS_LOCAL_DIR: join(repo.dir, 'res'),
    };
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
    await rm(bin, { recursive: true, force: true });
  });

  test('a commit under the local root is synced by the hook', async () => {
    // git runs hooks with their stdout sent to stderr.
    const { stderr } = await commit({ 'res/b.sql': 'b\n' }, 'add b');
    assert.match(stderr, /create +b\.sql/);
    assert.deepEqual([...(await remoteFiles(emulator, '/hook')).keys()].sort(), ['a.sql', 'b.sql']);
  });

  test('a commit outside the local root prints nothing', async () => {
    const { stdout, stderr } = await commit({ 'notes.txt': 'changed\n' }, 'notes only');
    assert.equal(stdout, '');
    assert.equal(stderr, '');
  });

  test('a failed sync is reported but does not fail the commit', async () => {
    await emulator.stop();
    try {
      const { stderr } = await commit({ 'res/c.sql': 'c\n' }, 'server down');
      assert.match(stderr, /dolps-sync hook: sync failed \(exit 3\)/);
      assert.match((await run('git', ['log', '-1', '--format=%s'], { cwd: repo.dir, env })).stdout, /server down/);
    } finally {
      await emulator.restart();
    }
    const { stderr } = await commit({ 'res/d.sql': 'd\n' }, 'server back');
    assert.match(stderr, /create +c\.sql/, 'the next commit catches up the missed one');
    assert.deepEqual([...(await remoteFiles(emulator, '/hook')).keys()].sort(), ['a.sql', 'b.sql', 'c.sql', 'd.sql']);
  });
});
