/* eslint-disable no-control-regex -- the escape sequences a terminal receives are what these tests look for */
// Issue 15: the live progress line on a real pseudo-terminal (util-linux `script`), and plain lines
// without one. A machine without `script` fails this test under CI rather than skipping it silently.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';

const ROOT = '/gitlab';
const FILES = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`sql/q${i}.sql`, `select ${i};\n`]));
const hasScript = spawnSync('script', ['--version']).status === 0;

function underPty(args: string[], env: Record<string, string>, cwd: string): Promise<string> {
  const command = [process.execPath, CLI_PATH, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    execFile('script', ['-qec', command, '/dev/null'], { cwd, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', TERM: 'xterm', ...env } },
      (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

describe('progress display', { skip: !hasScript && !process.env['CI'] ? 'util-linux script is not installed' : false }, () => {
  let emulator: Emulator;
  let repo: TestRepo;
  const env = () => ({ DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir });

  before(async () => {
    emulator = await startEmulator({ generation: '3.1' });
    repo = await makeRepo(FILES);
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
  });

  test('on a pseudo-terminal: one line redrawn in place, no operation lines, the summary after it', async () => {
    const out = await underPty(['sync'], env(), repo.dir);
    assert.match(out, /\r\u001b\[K\[(\d+)\/\1\] 100% [\d.]+\/s ETA 0 s {2}sql\/q\d+\.sql/);
    assert.doesNotMatch(out, /^create +sql\/q0\.sql/m);
    // The remote root is made by the lease before the plan, so only sql/ is a planned directory.
    assert.match(out, /synced \(none\)\.\.[0-9a-f]{12} \(full\): 12 files created, 1 directory created in /);
    assert.doesNotMatch(out, new RegExp(emulator.token));
  });

  test('without a terminal, or with CI set: plain operation lines only, never the live line', async () => {
    await repo.commit(Object.fromEntries(Object.keys(FILES).map((path) => [path, 'select 0;\n'])));
    const result = await runCli(['sync'], { cwd: repo.dir, env: env() });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.split('\n').filter((l) => l.startsWith('update  sql/')).length, 11);
    assert.doesNotMatch(result.stdout, /\r|\u001b/);
    await repo.commit({ 'sql/q1.sql': 'select 11;\n', 'sql/q2.sql': 'select 12;\n', 'sql/q3.sql': null, 'sql/q4.sql': null, 'a.sql': '1', 'b.sql': '2', 'c.sql': '3' });
    const ci = await underPty(['sync'], { ...env(), CI: 'true' }, repo.dir);
    assert.doesNotMatch(ci, /\u001b\[K/);
    assert.match(ci, /update +sql\/q1\.sql/);
  });
});
