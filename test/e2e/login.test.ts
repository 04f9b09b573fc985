// Logging in with a user and password instead of a token: the session works, a wrong password is an
// authentication failure, and the password never appears in any output.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';
import { remoteFiles } from '../helpers/trees.js';

const PASSWORD = 'Pa55word-of-the-login-test';

describe('user and password login', () => {
  let emulator: Emulator;
  let repo: TestRepo;
  before(async () => {
    emulator = await startEmulator({ generation: '3.1', users: [{ name: 'etl', password: PASSWORD, tenant: 'default', admin: true }] });
    repo = await makeRepo({ 'login.sql': 'select 1;\n' });
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
  });
  const env = (password: string) => ({
    DOLPS_URL: emulator.url, DOLPS_USER: 'etl', DOLPS_PASSWORD: password, DOLPS_REMOTE_DIR: '/login', DOLPS_LOCAL_DIR: repo.dir,
  });

  test('a session from POST /login carries the sync', async () => {
    const result = await runCli(['sync', '--verbose'], { cwd: repo.dir, env: env(PASSWORD) });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual([...(await remoteFiles(emulator, '/login')).keys()], ['login.sql']);
    assert.ok(emulator.requests.some((r) => r.method === 'POST' && r.path === '/login'), 'logged in');
    assert.ok(!`${result.stdout}${result.stderr}`.includes(PASSWORD), 'password printed');
    assert.match(result.stderr, /password = \*\*\*/);
  });

  test('a wrong password: exit 3, the login refusal with the server code, the password not shown', async () => {
    const wrong = 'Wrong-pa55word-given';
    const result = await runCli(['sync'], { cwd: repo.dir, env: env(wrong) });
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, /^error: login refused for user "etl" at 127\.0\.0\.1:\d+: server code 10013 "user name or password error"$/m);
    assert.ok(!`${result.stdout}${result.stderr}`.includes(wrong));
  });
});
