// The generated hook run by sh in a real repository, with DOLPS_SYNC a recorder instead of the CLI:
// which commits start a sync, with which arguments, and what a chained hook's exit does.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { CHAINED_SUFFIX, hookScript, shellQuote, type HookSettings } from '../../../src/hooks/hook-script.js';
import { gitEnv, makeRepo, type TestRepo } from '../../helpers/gitdir.js';

const run = promisify(execFile);
const ZERO = '0'.repeat(40);
const HOOK_FILE = new URL('../../../../hooks/post-commit', import.meta.url);

describe('generated hook', () => {
  let repo: TestRepo;
  let dir: string;
  let first: string;
  let second: string;
  let outside: string;

  before(async () => {
    repo = await makeRepo({ 'res/a.sql': 'a\n', 'notes.txt': 'n\n' });
    first = await repo.head();
    second = await repo.commit({ 'res/b.sql': 'b\n' });
    outside = await repo.commit({ 'notes.txt': 'changed\n' });
    dir = await mkdtemp(join(tmpdir(), 'dolps-hookdir-'));
    await writeFile(join(dir, 'recorder'), `#!/bin/sh\necho "$@" >> "${join(dir, 'calls')}"\n`);
    await chmod(join(dir, 'recorder'), 0o755);
  });
  after(async () => {
    await repo?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Writes the hook, runs it at `head` with the given input; returns its exit code and the recorded sync calls. */
  async function runHook(settings: HookSettings, head: string, input = '', chained?: string): Promise<{ code: number; calls: string[] }> {
    await repo.run('checkout', '--quiet', '--detach', head);
    const path = join(dir, settings.kind);
    await writeFile(path, hookScript(settings));
    await chmod(path, 0o755);
    await rm(path + CHAINED_SUFFIX, { force: true });
    if (chained) await writeFile(path + CHAINED_SUFFIX, chained).then(() => chmod(path + CHAINED_SUFFIX, 0o755));
    await rm(join(dir, 'calls'), { force: true });
    const env: NodeJS.ProcessEnv = { ...gitEnv, DOLPS_SYNC: join(dir, 'recorder') };
    delete env['DOLPS_LOCAL_DIR'];
    const child = run(path, [], { cwd: repo.dir, env });
    child.child.stdin?.end(input);
    const code = await child.then(() => 0, (error: { code: number }) => error.code);
    const calls = (await readFile(join(dir, 'calls'), 'utf8').catch(() => '')).split('\n').filter(Boolean);
    return { code, calls };
  }

  test('post-commit: a commit under the root syncs it; one outside does not start dolps-sync', async () => {
    const settings: HookSettings = { kind: 'post-commit', root: 'res', background: false };
    assert.deepEqual((await runHook(settings, second)).calls, [`sync --to ${second} --quiet`]);
    assert.deepEqual((await runHook(settings, outside)).calls, []);
    assert.deepEqual((await runHook({ ...settings, root: '.' }, outside)).calls, [`sync --to ${outside} --quiet`]);
  });

  test('post-commit: a failing chained hook is reported by the exit code, and the sync still runs', async () => {
    const result = await runHook({ kind: 'post-commit', root: 'res', background: false }, second, '', '#!/bin/sh\nexit 5\n');
    assert.equal(result.code, 5);
    assert.deepEqual(result.calls, [`sync --to ${second} --quiet`]);
  });

  test('post-merge: the range ORIG_HEAD..HEAD decides; without ORIG_HEAD it syncs', async () => {
    const settings: HookSettings = { kind: 'post-merge', root: 'res', background: false };
    await repo.run('update-ref', 'ORIG_HEAD', second);
    assert.deepEqual((await runHook(settings, outside)).calls, []);
    await repo.run('update-ref', 'ORIG_HEAD', first);
    assert.deepEqual((await runHook(settings, outside)).calls, [`sync --to ${outside} --quiet`]);
    await repo.run('update-ref', '-d', 'ORIG_HEAD');
    assert.deepEqual((await runHook(settings, outside)).calls, [`sync --to ${outside} --quiet`]);
  });

  test('pre-push: only a pushed range that touches the root syncs; the chained hook gets the same input', async () => {
    const settings: HookSettings = { kind: 'pre-push', root: 'res', background: false };
    const line = (remote: string) => `refs/heads/main ${outside} refs/heads/main ${remote}\n`;
    assert.deepEqual((await runHook(settings, outside, line(second))).calls, [], 'second..outside changes only notes.txt');
    assert.deepEqual((await runHook(settings, outside, line(first))).calls, [`sync --to ${outside} --quiet`]);
    assert.deepEqual((await runHook(settings, outside, line(ZERO))).calls, [`sync --to ${outside} --quiet`], 'a new branch');
    const seen = join(dir, 'seen');
    const refusing = await runHook(settings, outside, line(first), `#!/bin/sh\ncat > "${seen}"\nexit 1\n`);
    assert.equal(refusing.code, 1, 'the chained hook still stops the push');
    assert.deepEqual(refusing.calls, [], 'and nothing is synced');
    assert.equal(await readFile(seen, 'utf8'), line(first));
  });

  test('a root with a quote in its name is passed literally', async () => {
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    const { stdout } = await run('sh', ['-c', `printf %s ${shellQuote("a'b $HOME")}`]);
    assert.equal(stdout, "a'b $HOME");
  });

  test('hooks/post-commit, the file for copying by hand, is the generated hook', async () => {
    assert.equal(await readFile(HOOK_FILE, 'utf8'), hookScript({ kind: 'post-commit', root: '.', background: false }));
  });
});
