// install-hook / uninstall-hook in a real repository with core.hooksPath and a hook already there: the
// old hook is chained (runs first, then comes back on uninstall), a commit outside the local root makes
// no request at all, --background returns at once and logs the sync.
import assert from 'node:assert/strict';
import { access, chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeHookRepo, type HookRepo } from '../helpers/hook-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { remoteFiles } from '../helpers/trees.js';

const OLD_HOOK = '#!/bin/sh\necho "old hook ran: $(git log -1 --format=%s)" >> "$(git rev-parse --git-dir)/old-hook.log"\n';

describe('install-hook with core.hooksPath and an existing hook', () => {
  let emulator: Emulator;
  let h: HookRepo;
  const hooks = () => join(h.repo.dir, '.githooks');
  const cli = (...args: string[]) => runCli(args, { cwd: h.repo.dir, env: h.env as Record<string, string> });
  const oldHookLog = () => readFile(join(h.repo.dir, '.git', 'old-hook.log'), 'utf8').catch(() => '');

  before(async () => {
    emulator = await startEmulator({ generation: '3.1' });
    h = await makeHookRepo({ 'res/a.sql': 'a\n', 'notes.txt': 'outside\n' },
      { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/hook' });
    await h.git('config', 'core.hooksPath', '.githooks');
    await mkdir(hooks());
    await writeFile(join(hooks(), 'post-commit'), OLD_HOOK);
    await chmod(join(hooks(), 'post-commit'), 0o755);
  });
  after(async () => {
    await emulator?.stop();
    await h?.cleanup();
  });

  test('install-hook writes into core.hooksPath and keeps the existing hook', async () => {
    const result = await cli('install-hook', '--local-dir', 'res');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /installed post-commit hook: .*\.githooks\/post-commit/);
    assert.equal(await readFile(join(hooks(), 'post-commit.before-dolps-sync'), 'utf8'), OLD_HOOK);
    await assert.rejects(access(join(h.repo.dir, '.git', 'hooks', 'post-commit')), 'nothing in .git/hooks');
  });

  test('a commit under the local root runs the old hook, then syncs', async () => {
    const { stderr } = await h.commit({ 'res/b.sql': 'b\n' }, 'add b');
    assert.match(stderr, /create +b\.sql/);
    assert.match(await oldHookLog(), /old hook ran: add b/);
    assert.deepEqual([...(await remoteFiles(emulator, '/hook')).keys()].sort(), ['a.sql', 'b.sql']);
  });

  test('a commit outside the local root runs the old hook and makes no request', async () => {
    const before = emulator.requests.length;
    const { stdout, stderr } = await h.commit({ 'notes.txt': 'changed\n' }, 'notes only');
    assert.equal(stdout + stderr, '');
    assert.match(await oldHookLog(), /old hook ran: notes only/);
    assert.equal(emulator.requests.length, before, 'not one request');
  });

  test('installing again updates ours and keeps the chained hook', async () => {
    const result = await cli('install-hook', '--local-dir', 'res');
    assert.match(result.stdout, /updated post-commit hook/);
    assert.equal(await readFile(join(hooks(), 'post-commit.before-dolps-sync'), 'utf8'), OLD_HOOK);
  });

  test('uninstall-hook puts the old hook back, byte for byte, and removes only its own part', async () => {
    const result = await cli('uninstall-hook', 'post-commit');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await readFile(join(hooks(), 'post-commit'), 'utf8'), OLD_HOOK);
    assert.equal((await stat(join(hooks(), 'post-commit'))).mode & 0o111, 0o111, 'still executable');
    await assert.rejects(access(join(hooks(), 'post-commit.before-dolps-sync')));
    const again = await cli('uninstall-hook', 'post-commit');
    assert.match(again.stdout, /no dolps-sync post-commit hook .*nothing removed/);
    assert.equal(await readFile(join(hooks(), 'post-commit'), 'utf8'), OLD_HOOK, 'a hook that is not ours is never removed');
  });

  test('--background returns before the sync and logs it', async () => {
    assert.equal((await cli('install-hook', '--background', '--local-dir', 'res')).code, 0);
    const { stderr } = await h.commit({ 'res/c.sql': 'c\n' }, 'add c');
    assert.doesNotMatch(stderr, /create/, 'the sync output goes to the log, not to the commit');
    const log = join(h.repo.dir, '.git', 'dolps-sync-hook.log');
    let text = '';
    for (let i = 0; i < 100 && !/== exit/.test(text); i++) {
      await sleep(100);
      text = await readFile(log, 'utf8').catch(() => '');
    }
    assert.match(text, /create +c\.sql[\s\S]*== exit 0/);
    assert.ok((await remoteFiles(emulator, '/hook')).has('c.sql'));
  });
});
