// Issue 15: targets. One conf.ini with [target.prod] and [target.test] (two remote roots on one
// emulator): --target chooses, else the branch does; each target keeps its own marker; a branch no
// target takes, or a mistyped name, is exit 2 before any request.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';

describe('targets: [target.NAME] sections chosen by --target or by the branch', () => {
  let emulator: Emulator;
  let repo: TestRepo;
  let confDir: string;
  const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, {
    cwd: repo.dir, env: { DOLPS_CONFIG: join(confDir, 'conf.ini'), DOLPS_TOKEN: emulator.token, ...env },
  });
  const filesUnder = async (root: string) => [...(await emulator.snapshot())]
    .filter(([name, e]) => e.kind === 'file' && name.startsWith(`${root}/`) && !name.includes('.dolps-sync')).map(([name]) => name).sort();

  before(async () => {
    emulator = await startEmulator({ generation: '3.1' });
    repo = await makeRepo({ 'a.sh': 'echo a\n' });
    confDir = await mkdtemp(join(tmpdir(), 'dolps-targets-'));
    await writeFile(join(confDir, 'conf.ini'), [
      '[url]', `base = ${emulator.url}`, '[dolps]', 'src_dir = /prod', '',
      '[target.prod]', 'branches = main, release/*', '',
      '[target.test]', 'branches = feature/*', '[target.test.dolps]', 'src_dir = /test', '',
    ].join('\n'));
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
    await rm(confDir, { recursive: true, force: true });
  });

  test('--target test on main syncs only to the test root; then the branch rule sends main to prod', async () => {
    const toTest = await cli(['sync', '--target', 'test']);
    assert.equal(toTest.code, 0, toTest.stderr);
    assert.deepEqual(await filesUnder('/test'), ['/test/a.sh']);
    assert.deepEqual(await filesUnder('/prod'), []);
    const byBranch = await cli(['sync', '-v']);
    assert.equal(byBranch.code, 0, byBranch.stderr);
    assert.match(byBranch.stderr, /^config: target = prod \(from branch main matches \[target\.prod\] branches\)$/m);
    assert.match(byBranch.stderr, /^config: remote-dir = \/prod \(from .*conf\.ini \[dolps\] src_dir\)$/m);
    assert.deepEqual(await filesUnder('/prod'), ['/prod/a.sh']);
  });

  test('a feature branch goes to test (its own marker), status --target prod reads prod\'s marker, doctor follows CI_COMMIT_BRANCH', async () => {
    await repo.run('checkout', '--quiet', '-b', 'feature/x');
    await repo.commit({ 'b.sh': 'echo b\n' }, 'feature');
    const synced = await cli(['sync']);
    assert.equal(synced.code, 0, synced.stderr);
    assert.deepEqual(await filesUnder('/test'), ['/test/a.sh', '/test/b.sh']);
    assert.deepEqual(await filesUnder('/prod'), ['/prod/a.sh']);
    const status = await cli(['status', '--target', 'prod']);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^marker: [0-9a-f]{12} synced .* \(local root "" → \/prod\)$/m);
    assert.match(status.stdout, /^create +b\.sh$/m);
    const doctor = await cli(['doctor'], { CI_COMMIT_BRANCH: 'release/1.0' });
    assert.equal(doctor.code, 0, doctor.stdout);
    assert.match(doctor.stdout, /^ok {3}configuration: valid \(.*conf\.ini, target prod from branch release\/1\.0 matches \[target\.prod\] branches\)$/m);
    assert.match(doctor.stdout, /^ok {3}remote root: \/prod exists/m);
  });

  test('no target for the branch, or a mistyped --target: exit 2 before any request', async () => {
    emulator.clearRequests();
    const none = await cli(['sync'], { CI_COMMIT_BRANCH: 'hotfix' });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^config error: .*conf\.ini: branch hotfix matches the branches of no target \(prod: main, release\/\*; test: feature\/\*\); fix: name one with --target/m);
    const typo = await cli(['sync', '--target', 'tset']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /^config error: --target: no target "tset" in .*conf\.ini \(it has \[target\.prod\], \[target\.test\]\); fix: did you mean test\?$/m);
    assert.equal(emulator.requests.length, 0);
  });
});
