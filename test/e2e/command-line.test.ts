// The built CLI as a user types it (issue 9): a mistyped flag exits 2 naming it and nothing reaches the
// server or the disk; -n plans only; help and version; a base URL that is not the API exits 3; --repo
// names the repository and never replaces [resource_file] src_dir.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli, runCliProcess } from '../helpers/run-cli.js';
import { remoteDirs, remoteFiles } from '../helpers/trees.js';

const TYPOS: [string[], string][] = [
  [['--dry-runn'], 'unknown option --dry-runn'],
  [['--dryrun'], 'unknown option --dryrun'],
  [['--dry_run'], 'unknown option --dry_run'],
  [['--remote-dri', '/x'], 'unknown option --remote-dri; did you mean --remote-dir?'],
];

describe('the command line (DolphinScheduler 3.1)', () => {
  let emulator: Emulator;
  let repo: TestRepo;
  let work: string;
  let env: Record<string, string>;
  before(async () => {
    emulator = await startEmulator({ generation: '3.1' });
    repo = await makeRepo({ 'sql/a.sql': 'select 1;\n', 'b.sh': 'echo b\n' });
    work = await mkdtemp(join(tmpdir(), 'dolps-cli-'));
    env = { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/gitlab', DOLPS_LOG_DIR: join(work, 'logs') };
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('a mistyped flag on any command: exit 2, one line naming it, no request, nothing written', async () => {
    for (const command of ['sync', 'watch', 'doctor', 'demo']) {
      emulator.clearRequests();
      const results = await Promise.all(TYPOS.map(([typo]) => runCli([command, ...typo], { cwd: repo.dir, env })));
      results.forEach((result, i) => {
        const [typo, line] = TYPOS[i] ?? [[], ''];
        assert.equal(result.code, 2, `${command} ${typo.join(' ')}: ${result.stderr}`);
        assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
        const expected = command === 'demo' ? line.replace(/;.*/, '') : line; // demo has no --remote-dir to suggest
        assert.ok(result.stderr.startsWith(`error: ${expected}`), `${command}: ${result.stderr}`);
        if (command === 'sync' && typo[0] !== '--remote-dri') assert.match(result.stderr, /did you mean --dry-run\?/);
        assert.equal(result.stdout, '');
      });
      assert.equal(emulator.requests.length, 0, `${command}: ${emulator.requests.map((r) => r.path).join(', ')}`);
    }
    assert.equal(existsSync(join(work, 'logs')), false, 'no log_dir, backup or state file was written');
  });

  test('-n plans and writes nothing', async () => {
    emulator.clearRequests();
    const result = await runCli(['sync', '-n'], { cwd: repo.dir, env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^create {2}sql\/a\.sql$/m);
    assert.match(result.stdout, /dry run, nothing changed .*: 2 files created, 2 directories created in /, 'sql/ and the remote root');
    assert.equal(emulator.writeCount(), 0);
    assert.deepEqual([...(await emulator.snapshot()).keys()].filter((p) => p.startsWith('/gitlab')), []);
  });

  // The bin itself (src/cli/main.ts: argv, the exit code, output flushed before the exit), as a shell runs it.
  test('the bin: -h, --help and -V exit 0; no command lists the commands and exits 2; a mistyped flag exits 2', async () => {
    const runs = await Promise.all([['sync', '-h'], ['watch', '--help'], ['doctor', '-h'], ['demo', '--help'], ['-V'], [], ['sync', '--dry-rnu']]
      .map((args) => runCliProcess(args, { cwd: repo.dir, env })));
    assert.equal(runs[6]?.code, 2);
    assert.match(runs[6]?.stderr ?? '', /^error: .*--dry-rnu.*did you mean --dry-run\?/);
    for (const result of runs.slice(0, 5)) assert.equal(result.code, 0, result.stderr);
    assert.match(runs[0]?.stdout ?? '', /-n, --dry-run/);
    assert.match(runs[0]?.stdout ?? '', /Environment:\n {2}DOLPS_TOKEN/);
    assert.match(runs[4]?.stdout ?? '', /^\d+\.\d+\.\d+\n$/);
    const none = runs[5];
    assert.equal(none?.code, 2);
    for (const command of ['sync', 'watch', 'doctor', 'demo']) assert.match(none?.stderr ?? '', new RegExp(`dolps-sync ${command}`));
  });

  test('a base URL without /dolphinscheduler: exit 3 naming the URL', async () => {
    const base = emulator.url.replace(/\/dolphinscheduler$/, '');
    const result = await runCli(['sync'], { cwd: repo.dir, env: { ...env, DOLPS_URL: base } });
    assert.equal(result.code, 3, result.stderr);
    assert.ok(result.stderr.includes(`error: ${base} is not a DolphinScheduler 3.x API`), result.stderr);
    assert.match(result.stderr, /\/dolphinscheduler/, 'the fix names the missing path');
    assert.equal(result.stderr.trim().split('\n').filter((l) => l.startsWith('error')).length, 1, result.stderr);
  });

  test('a local directory outside the --repo repository: exit 2 naming both, before any request', async () => {
    emulator.clearRequests();
    const result = await runCli(['sync', '--repo', repo.dir, '--local-dir', work], { cwd: work, env });
    assert.equal(result.code, 2, result.stderr);
    assert.ok(result.stderr.includes(work) && result.stderr.includes(repo.dir), result.stderr);
    assert.equal(emulator.requests.length, 0);
  });
});

for (const generation of ['3.1', '3.3'] as const) {
  describe(`--repo with [resource_file] src_dir (DolphinScheduler ${generation})`, () => {
    let emulator: Emulator;
    let repo: TestRepo;
    let work: string;
    before(async () => {
      emulator = await startEmulator({ generation });
      repo = await makeRepo({ 'sub/a.sql': 'select 1;\n', 'sub/b/c.sh': 'echo c\n', 'top.txt': 'not synced\n' });
      work = await mkdtemp(join(tmpdir(), 'dolps-cli-'));
    });
    after(async () => {
      await emulator?.stop();
      await repo?.cleanup();
      if (work) await rm(work, { recursive: true, force: true });
    });

    test('conf.ini src_dir=<repo>/sub with --repo <repo> syncs only sub/; --verbose says where each came from', async () => {
      const conf = join(work, 'conf.ini');
      await writeFile(conf, `[url]\nbase = ${emulator.url}\n[dolps]\nsrc_dir = /gitlab\n[resource_file]\nsrc_dir = ${repo.dir}/sub\n`);
      const result = await runCli(['sync', '--config', conf, '--repo', repo.dir, '-v'], { cwd: work, env: { DOLPS_TOKEN: emulator.token } });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual([...(await remoteFiles(emulator, '/gitlab')).keys()].sort(), ['a.sql', 'b/c.sh']);
      assert.deepEqual(await remoteDirs(emulator, '/gitlab'), ['b']);
      assert.match(result.stderr, /config: local-dir = .*\/sub \(from .*conf\.ini \[resource_file\] src_dir\)/);
      assert.match(result.stderr, /config: repo = .* \(from --repo\)/);
      // The remote root is made by the lease before the listing (src/app/lease), so only b/ is a planned mkdir.
      assert.match(result.stdout, /: 2 files created(, 1 directory created)? in /, 'b/, where directories are made');
    });
  });
}
