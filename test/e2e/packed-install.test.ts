// The install the README and both CI examples use: `npm pack` of the built checkout, installed globally
// into an empty prefix as a CI image would (deps from the npm cache `npm ci` filled, else the registry),
// then the installed bin run: --version and a dry-run against the emulator.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** npm run by `npm test` exports npm_config_*; a user's CI shell has none of them. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return { ...env, ...extra };
}

describe('packed install', { timeout: 180_000 }, () => {
  let work: string;
  let bin: string;
  let emulator: Emulator;
  let repo: TestRepo;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'dolps-pack-'));
    // dist/ is already built (the tests run from it); prepare would only rebuild it.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, env: cleanEnv() });
    const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    assert.ok(files.some((f) => f.path === 'dist/src/cli/main.js'), 'the tarball holds the built CLI');
    assert.ok(files.some((f) => f.path === 'hooks/post-commit'), 'the tarball holds the hook');
    assert.ok(!files.some((f) => f.path.startsWith('dist/test/') || f.path.startsWith('src/')), 'no tests or sources');
    const prefix = join(work, 'prefix');
    await run('npm', ['install', '--global', '--prefix', prefix, join(work, filename), '--prefer-offline', '--no-audit', '--no-fund'],
      { cwd: work, env: cleanEnv(), timeout: 150_000 });
    bin = join(prefix, 'bin', 'dolps-sync');
    emulator = await startEmulator({ generation: '3.1' });
    repo = await makeRepo({ 'res/a.sql': 'select 1;\n', 'res/b/c.sh': 'echo c\n' });
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('the installed bin prints the package version', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { stdout } = await run(bin, ['--version'], { cwd: work, env: cleanEnv() });
    assert.equal(stdout.trim(), version);
  });

  test('the installed bin plans a sync against the emulator without writing', async () => {
    const env = cleanEnv({ DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/packed', DOLPS_LOCAL_DIR: 'res' });
    const { stdout } = await run(bin, ['sync', '--dry-run'], { cwd: repo.dir, env });
    assert.match(stdout, /create +a\.sql/);
    assert.match(stdout, /create +b\/c\.sh/);
    assert.equal(emulator.writeCount(), 0, 'a dry-run makes no write request');
  });
});
