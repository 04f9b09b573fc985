// Bad input and a misbehaving server each give one clear line and the documented exit code.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /error/.test(l));
}

describe('bad input and unreachable servers', () => {
  let emulator: Emulator;
  let repo: TestRepo;
  before(async () => {
    emulator = await startEmulator({ generation: '3.1' });
    repo = await makeRepo({ 'a.sql': 'select 1;\n' });
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
  });

  test('a bad value in conf.ini: exit 2, one line naming the file, the key and the fix', async () => {
    const conf = join(repo.dir, '..', `bad-${Date.now()}.ini`);
    await writeFile(conf, `[url]\nbase = htp:/nowhere\n[dolps]\ntoken = abcdefgh\nsrc_dir = /gitlab\n[resource_file]\nsrc_dir = ${repo.dir}\n`);
    const result = await runCli(['sync', '--config', conf], { cwd: repo.dir });
    assert.equal(result.code, 2, result.stderr);
    const lines = errorLines(result.stderr);
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0] ?? '', new RegExp(`${conf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\[url\\] base.*fix`));
  });

  test('a missing config file: exit 2, naming it', async () => {
    const result = await runCli(['sync', '--config', '/nonexistent/dolps.ini'], { cwd: repo.dir });
    assert.equal(result.code, 2);
    assert.equal(errorLines(result.stderr).length, 1, result.stderr);
    assert.match(result.stderr, /\/nonexistent\/dolps\.ini/);
  });

  test('an unreachable server: non-zero within 30 s, naming host and port', async () => {
    const port = await closedPort();
    const result = await runCli(['sync', '--retries', '1'], {
      cwd: repo.dir,
      env: { DOLPS_URL: `http://127.0.0.1:${port}/dolphinscheduler`, DOLPS_TOKEN: 'abcdefgh', DOLPS_REMOTE_DIR: '/gitlab', DOLPS_LOCAL_DIR: repo.dir },
    });
    assert.notEqual(result.code, 0);
    assert.ok(result.ms < 30_000, `took ${result.ms} ms`);
    assert.equal(errorLines(result.stderr).length, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`127\\.0\\.0\\.1:${port}`));
  });

  test('an unknown --to revision: exit 2 naming it', async () => {
    const result = await runCli(['sync', '--to', 'no-such-branch'], {
      cwd: repo.dir,
      env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/gitlab', DOLPS_LOCAL_DIR: repo.dir },
    });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /no-such-branch/);
  });
});

for (const generation of ['3.0', '3.1', '3.2', '3.3'] as const) {
describe(`a misbehaving or refusing server (DolphinScheduler ${generation})`, () => {
  let emulator: Emulator;
  let repo: TestRepo;
  before(async () => {
    emulator = await startEmulator({ generation });
    repo = await makeRepo({ 'a.sql': 'select 1;\n' });
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
  });

  test('a server that stops answering: non-zero after the timeout, never a hang', async () => {
    emulator.addFault({ pathPrefix: '/', hang: true });
    try {
      const result = await runCli(['sync', '--timeout', '2', '--retries', '0'], {
        cwd: repo.dir,
        env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/gitlab', DOLPS_LOCAL_DIR: repo.dir },
        timeoutMs: 30_000,
      });
      assert.notEqual(result.code, 0);
      assert.ok(result.ms < 20_000, `took ${result.ms} ms`);
      assert.match(result.stderr, /timed out|did not answer/i);
    } finally {
      emulator.clearFaults();
    }
  });

  test('a wrong token: non-zero, "authentication failed"', async () => {
    const result = await runCli(['sync'], {
      cwd: repo.dir,
      env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: 'not-the-token', DOLPS_REMOTE_DIR: '/gitlab', DOLPS_LOCAL_DIR: repo.dir },
    });
    assert.equal(result.code, 3);
    assert.equal(errorLines(result.stderr).length, 1, result.stderr);
    assert.match(result.stderr, /authentication failed/);
    assert.doesNotMatch(result.stderr + result.stdout, /not-the-token/);
  });
});
}
