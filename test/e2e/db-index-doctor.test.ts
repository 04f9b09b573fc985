// `dolps-sync doctor` through the real CLI, with the metadata database on the real PostgreSQL and MariaDB:
// the output of a good setup and of broken ones, the exit codes, and never a secret.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DbDialect } from '../../src/db/port.js';
import type { Emulator } from '../../src/emulator/index.js';
import { createMysqlUser, createScratch, describeWithServer, probeServer } from '../helpers/databases.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';
import { createMetadataDatabase, emulatorOn, PRODUCT, type MetadataDatabase } from './db-index-support.js';

const SECRET = 'Doctor-S3cret-pw';

for (const dialect of ['postgresql', 'mysql'] as const) {
  const gate = await probeServer(dialect);
  describeWithServer(gate, `doctor with the metadata database on ${PRODUCT[dialect]}`, () => doctor(dialect));
}

function doctor(dialect: DbDialect): void {
  let db: MetadataDatabase;
  let emulator: Emulator;
  let repo: TestRepo;
  let env: Record<string, string>;
  const run = (extra: Record<string, string> = {}) => runCli(['doctor'], { cwd: repo.dir, env: { ...env, ...extra } });

  before(async () => {
    db = await createMetadataDatabase(dialect);
    emulator = await emulatorOn(db);
    repo = await makeRepo({ 'sql/a.sql': 'select 1;\n', 'shell/run.sh': 'echo run\n' });
    env = { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/gitlab', DOLPS_LOCAL_DIR: repo.dir, ...db.env };
    const first = await runCli(['sync'], { cwd: repo.dir, env });
    assert.equal(first.code, 0, first.stderr);
  });
  after(async () => {
    try {
      await emulator?.stop();
      await repo?.cleanup();
    } finally {
      await db?.drop();
    }
  });

  test('a good setup: one ok line per check, exit 0', async () => {
    // PostgreSQL here trusts local logins, so a password can ride along unchecked and be proven unprinted.
    const result = await run(dialect === 'postgresql' ? { DOLPS_DB_PASSWORD: SECRET } : {});
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.map((l) => l.replace(/:.*/, '')), [
      'ok   configuration', 'ok   server reachable', 'ok   credentials', 'ok   API generation', 'ok   tenant', 'ok   remote root',
      'ok   metadata database', 'ok   resource table', 'ok   database agrees with the API', 'all checks passed',
    ]);
    assert.ok(lines.includes(`ok   metadata database: connected to ${db.target} (read-only session)`), result.stdout);
    assert.ok(lines.includes('ok   database agrees with the API: 6 of 6 sampled resources have the same id (6 rows at and under /gitlab, the API lists 6)'), result.stdout);
    assert.equal(result.stderr, '');
    assert.ok(!result.stdout.includes(SECRET));
  });

  test('a refused token and a database without the table: two FAIL lines, exit 1', async () => {
    const empty = dialect === 'mysql' ? await createScratch('mysql', 'none') : undefined;
    const other = dialect === 'postgresql' ? await createMetadataDatabase('postgresql') : undefined;
    try {
      const name = empty?.name ?? other?.settings.database ?? '';
      const result = await run({ DOLPS_TOKEN: 'not-the-token', DOLPS_DB_NAME: name });
      assert.equal(result.code, 1, result.stdout);
      const failed = result.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
      assert.equal(failed.length, 2, result.stdout);
      assert.match(failed[0] ?? '', /^FAIL credentials: authentication failed: the server refused the token \(HTTP 401\)/);
      assert.match(failed[1] ?? '', /^FAIL resource table: .*: no table .*t_ds_resources/);
      assert.match(result.stdout, /^skip database agrees with the API: no table to compare$/m);
      assert.match(result.stdout, /^2 checks failed$/m);
    } finally {
      await empty?.drop();
      await other?.drop();
    }
  });

  if (dialect === 'mysql') {
    test('a wrong database password: FAIL naming the login, the password never printed', async () => {
      const user = await createMysqlUser('the-right-one', db.settings.database);
      try {
        const result = await run({ DOLPS_DB_USER: user.user, DOLPS_DB_PASSWORD: SECRET });
        assert.equal(result.code, 1, result.stdout);
        assert.match(result.stdout, new RegExp(`^FAIL metadata database: MySQL ${user.user}@127\\.0\\.0\\.1:3306/${db.settings.database}: login refused: Access denied`, 'm'));
        assert.ok(!`${result.stdout}${result.stderr}`.includes(SECRET));
      } finally {
        await user.drop();
      }
    });
  }

  test('an invalid configuration: FAIL configuration per error, nothing else checked, exit 2', async () => {
    const result = await run({ DOLPS_DB_PORT: 'five', DOLPS_DB_PASSWORD: SECRET });
    assert.equal(result.code, 2, result.stdout);
    assert.deepEqual(result.stdout.trimEnd().split('\n'), [
      'FAIL configuration: DOLPS_DB_PORT: "five" is not a whole number; fix: write a whole number of port from 1 to 65535',
      'skip every other check: fix the configuration first',
    ]);
  });
}
