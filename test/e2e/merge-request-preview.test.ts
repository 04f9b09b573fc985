// Issue 15: a merge-request preview tells the truth. A branch made from an older main, after main moved
// and was synced, previews only the branch's own changes laid on the server as it is — never the
// reconcile of the branch, which deleted main's later files.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';

const ROOT = '/gitlab';

describe('sync --preview: a branch made from an older main, after main moved and was synced', () => {
  let emulator: Emulator;
  let repo: TestRepo;
  let oldMain: string;
  let newMain: string;
  const cli = (args: string[], env: Record<string, string> = {}) => runCli(['sync', ...args], {
    cwd: repo.dir,
    env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir, ...env },
  });
  const lines = (stdout: string) => stdout.split('\n').filter((l) => /^(create|update|delete|rename|mkdir|rmdir|skip) /.test(l)).sort();

  before(async () => {
    emulator = await startEmulator({ generation: '3.1' });
    repo = await makeRepo({ 'shell/run.sh': 'echo 1\n', 'sql/a.sql': 'select 1;\n', 'sql/gone.sql': 'select 0;\n' });
    oldMain = await repo.head();
    assert.equal((await cli([])).code, 0);
    await repo.run('checkout', '--quiet', '-b', 'feature');
    await repo.commit({ 'shell/run.sh': 'echo 2\n', 'feature/new.sh': 'echo new\n' }, 'feature work');
    await repo.run('checkout', '--quiet', 'main');
    newMain = await repo.commit({ 'later/one.sh': 'echo later\n', 'sql/later.sql': 'select 9;\n', 'sql/gone.sql': null }, 'main moves on');
    const synced = await cli([]);
    assert.equal(synced.code, 0, synced.stderr);
    await repo.run('checkout', '--quiet', 'feature');
    emulator.clearRequests();
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
  });

  test('the old dry run reconciles the branch and would delete main\'s later files (why the preview exists)', async () => {
    const result = await cli(['--dry-run', '--to', 'HEAD']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /not an ancestor/);
    assert.ok(lines(result.stdout).some((l) => l.startsWith('delete') && l.includes('later/one.sh')), result.stdout);
  });

  test('GitLab: CI_MERGE_REQUEST_DIFF_BASE_SHA → only the branch\'s changes, no delete, no write request', async () => {
    emulator.clearRequests();
    const result = await cli(['--preview', '--to', 'HEAD'], { CI_MERGE_REQUEST_DIFF_BASE_SHA: oldMain });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(lines(result.stdout), ['create  feature/new.sh', 'mkdir   feature/', 'update  shell/run.sh']);
    assert.doesNotMatch(result.stdout, /delete|rmdir/);
    assert.match(result.stderr, new RegExp(`note: preview: the change ${oldMain.slice(0, 12)}\\.\\.[0-9a-f]{12} \\(merge base of HEAD and CI_MERGE_REQUEST_DIFF_BASE_SHA=${oldMain}\\), laid on the Resource Center as it is \\(marker at ${newMain.slice(0, 12)}\\)`));
    assert.match(result.stdout, /dry run, nothing changed [0-9a-f]{12}\.\.[0-9a-f]{12} \(preview\): 1 file created, 1 directory created, 1 file updated in /);
    assert.equal(emulator.writeCount(), 0);
  });

  test('--report writes the preview as Markdown for the merge request', async () => {
    const result = await cli(['--preview', '--report', 'preview.md'], { CI_MERGE_REQUEST_DIFF_BASE_SHA: oldMain });
    assert.equal(result.code, 0, result.stderr);
    const markdown = await readFile(join(repo.dir, 'preview.md'), 'utf8');
    assert.match(markdown, /^## dolps-sync: dry run, nothing changed, [0-9a-f]{12}\.\.[0-9a-f]{12} \(preview\)\n/);
    assert.match(markdown, /\| create \| feature\/new\.sh \| ok \|/);
    assert.doesNotMatch(markdown, /\| delete \|/);
    assert.doesNotMatch(markdown, new RegExp(emulator.token));
  });

  test('GitHub: GITHUB_BASE_SHA is the base branch tip; the merge base with it gives the same plan', async () => {
    const result = await cli(['--preview', '--json'], { GITHUB_BASE_SHA: newMain });
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { mode: string; from: string; operations: Array<{ op: string; path: string }> };
    assert.equal(report.mode, 'preview');
    assert.equal(report.from, oldMain);
    assert.deepEqual(report.operations.map((o) => `${o.op} ${o.path}`).sort(), ['create feature/new.sh', 'mkdir feature', 'update shell/run.sh']);
  });

  test('no --base and no CI variable: the merge base with the default branch, said in a note', async () => {
    const result = await cli(['--preview']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /note: preview: no --base and none of CI_MERGE_REQUEST_TARGET_BRANCH_SHA, CI_MERGE_REQUEST_DIFF_BASE_SHA, GITHUB_BASE_SHA set: using the merge base with main/);
    assert.deepEqual(lines(result.stdout), ['create  feature/new.sh', 'mkdir   feature/', 'update  shell/run.sh']);
  });

  test('--base wins over the CI variables; --preview with --full is a usage error before any request', async () => {
    const result = await cli(['--preview', '--base', 'main'], { CI_MERGE_REQUEST_DIFF_BASE_SHA: 'feature' });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /merge base of HEAD and --base main/);
    emulator.clearRequests();
    const clash = await cli(['--preview', '--full']);
    assert.equal(clash.code, 2);
    assert.match(clash.stderr, /--preview and --full do not go together/);
    assert.equal(emulator.requests.length, 0);
    const lone = await cli(['--base', 'main']);
    assert.equal(lone.code, 2);
    assert.match(lone.stderr, /--base is read only with --preview/);
  });
});
