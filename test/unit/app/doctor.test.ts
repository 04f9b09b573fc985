// doctor's checks against an in-process emulator, with a metadata index faked from the emulator's own rows
// (or from wrong ones): each check's verdict and line, the skips that follow a failure, and no secret shown.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { configurationCheck, renderCheck, runDoctor, type CheckResult } from '../../../src/app/doctor.js';
import { loadConfig } from '../../../src/config/load.js';
import type { Config } from '../../../src/config/types.js';
import { DbIndexError, type ResourceDbIndex, type ResourceRow } from '../../../src/db/port.js';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { Api, createdId } from '../../emulator/support.js';
import { closedPort } from '../../helpers/databases.js';

const DB_ENV = { DOLPS_DB_TYPE: 'postgresql', DOLPS_DB_HOST: 'db.example', DOLPS_DB_USER: 'ds', DOLPS_DB_NAME: 'dolphinscheduler', DOLPS_DB_PASSWORD: 'db-s3cret' };

function configOf(env: Record<string, string>): Config {
  const result = loadConfig({ flags: {}, env: { DOLPS_LOCAL_DIR: '/tmp', ...env }, cwd: '/tmp', readFile: () => undefined, isDirectory: () => true });
  if ('errors' in result) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

/** An index answering from `rows` (what a good database would hold, or a wrong one). */
function fakeIndex(rows: readonly ResourceRow[]): ResourceDbIndex {
  return {
    describe: 'PostgreSQL ds@db.example:5432/dolphinscheduler',
    listSubtree: async (root) => rows.filter((r) => root === '/' || r.fullName === root || r.fullName.startsWith(`${root}/`)),
    idOf: async (fullName) => rows.find((r) => r.fullName === fullName)?.id ?? null,
    check: async () => undefined,
    close: async () => undefined,
  };
}

async function rowsOf(emulator: Emulator, shift = 0): Promise<ResourceRow[]> {
  return [...await emulator.snapshot()].map(([fullName, e]) => ({
    id: e.id + shift, pid: -1, fullName, alias: fullName.slice(fullName.lastIndexOf('/') + 1), isDirectory: e.kind === 'dir',
    size: e.content?.length ?? 0, updateTime: null, description: e.description,
  }));
}

function verdicts(results: CheckResult[]): string[] {
  return results.map((r) => `${r.status} ${r.check}`);
}

describe('doctor', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  before(async () => {
    emulator = await startEmulator({
      generation: '3.1',
      users: [{ name: 'admin', password: 'pw', tenant: 'default', admin: true }, { name: 'bob', password: 'bob-pw', tenant: null }],
    });
    const api = new Api(emulator.url, { token: emulator.token });
    const dir = createdId(await api.mkdir('gitlab'));
    createdId(await api.upload('a.sh', 'echo a', dir, '/gitlab'));
    env = { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/gitlab' };
  });
  after(() => emulator?.stop());

  test('a good setup: every check ok, the database agreeing on every sampled id', async () => {
    const rows = await rowsOf(emulator);
    const results = await runDoctor(configOf({ ...env, ...DB_ENV }), { openIndex: async () => fakeIndex(rows) });
    assert.deepEqual(verdicts(results), [
      'ok server reachable', 'ok credentials', 'ok API generation', 'ok tenant', 'ok remote root',
      'ok metadata database', 'ok resource table', 'ok database agrees with the API',
    ]);
    assert.deepEqual(results.map(renderCheck).flat().slice(-4), [
      'ok   remote root: /gitlab exists (1 entry below it)',
      'ok   metadata database: connected to PostgreSQL ds@db.example:5432/dolphinscheduler (read-only session)',
      'ok   resource table: t_ds_resources has every column the index reads',
      'ok   database agrees with the API: 2 of 2 sampled resources have the same id (2 rows at and under /gitlab, the API lists 2)',
    ]);
  });

  test('without [db] the database checks are skipped, saying why', async () => {
    const results = await runDoctor(configOf(env));
    assert.deepEqual(results.slice(-3).map((r) => `${r.status} ${r.check}: ${r.detail}`), [
      'skip metadata database: [db] is not set; listings come from the API',
      'skip resource table: [db] is not set; listings come from the API',
      'skip database agrees with the API: [db] is not set; listings come from the API',
    ]);
  });

  test('the database of another server: FAIL naming a resource whose id differs', async () => {
    const rows = await rowsOf(emulator, 40);
    const results = await runDoctor(configOf({ ...env, ...DB_ENV }), { openIndex: async () => fakeIndex(rows) });
    const last = results.at(-1);
    assert.equal(last?.status, 'FAIL');
    assert.match(last?.detail ?? '', /^2 of 2 sampled resources differ, e\.g\. \/gitlab: id 41 in the database, id 1 on the server; point \[db\] at/);
  });

  test('a database that cannot be opened: FAIL with its one line, the rest skipped, no password', async () => {
    const refused = new DbIndexError('auth', 'PostgreSQL ds@db.example:5432/dolphinscheduler', 'login refused: password authentication failed for user "ds"');
    const results = await runDoctor(configOf({ ...env, ...DB_ENV }), { openIndex: async () => { throw refused; } });
    assert.deepEqual(verdicts(results).slice(-3), ['FAIL metadata database', 'skip resource table', 'skip database agrees with the API']);
    assert.equal(results.at(-3)?.detail, refused.message);
    assert.ok(!JSON.stringify(results).includes('db-s3cret'));
  });

  test('a missing table: FAIL on the table check, the comparison skipped', async () => {
    const index = { ...fakeIndex([]), check: async () => { throw new DbIndexError('missing-table', 'PostgreSQL ds@db.example:5432/dolphinscheduler', 'no table public.t_ds_resources'); } };
    const results = await runDoctor(configOf({ ...env, ...DB_ENV }), { openIndex: async () => index });
    assert.deepEqual(verdicts(results).slice(-2), ['FAIL resource table', 'skip database agrees with the API']);
  });

  test('a refused token: FAIL credentials, the checks that need it skipped', async () => {
    const results = await runDoctor(configOf({ ...env, DOLPS_TOKEN: 'not-the-token' }));
    assert.deepEqual(verdicts(results).slice(0, 5), ['ok server reachable', 'FAIL credentials', 'skip API generation', 'skip tenant', 'skip remote root']);
    assert.match(results[1]?.detail ?? '', /refused the token \(HTTP 401\)/);
  });

  test('a user and password log in; a user without a tenant fails the tenant check', async () => {
    const results = await runDoctor(configOf({ DOLPS_URL: emulator.url, DOLPS_USER: 'bob', DOLPS_PASSWORD: 'bob-pw', DOLPS_REMOTE_DIR: '/bobs' }));
    assert.deepEqual(verdicts(results).slice(0, 5), ['ok server reachable', 'ok credentials', 'ok API generation', 'FAIL tenant', 'FAIL remote root']);
    assert.equal(results[1]?.detail, 'login accepted: user bob');
    assert.match(results[3]?.detail ?? '', /user bob has no tenant, so every upload is refused \(code 10181\)/);
    assert.ok(!JSON.stringify(results).includes('bob-pw'));
  });

  test('an api setting that is not what the server speaks: FAIL naming both and where it was set', async () => {
    const results = await runDoctor(configOf({ ...env, DOLPS_API: '3.0' }));
    const generation = results.find((r) => r.check === 'API generation');
    assert.equal(generation?.status, 'FAIL');
    assert.match(generation?.detail ?? '', /^the server speaks 3\.1 \(.*\), but api = 3\.0 \(from DOLPS_API\); set it to auto or 3\.1$/);
  });

  test('an unreachable server: FAIL server reachable, every server check skipped', async () => {
    const port = await closedPort();
    const results = await runDoctor(configOf({ ...env, DOLPS_URL: `http://127.0.0.1:${port}/dolphinscheduler`, DOLPS_RETRIES: '0' }));
    assert.deepEqual(verdicts(results).slice(0, 5), ['FAIL server reachable', 'skip credentials', 'skip API generation', 'skip tenant', 'skip remote root']);
    assert.match(results[0]?.detail ?? '', new RegExp(`127\\.0\\.0\\.1:${port}`));
  });

  test('the configuration line counts the warnings and lists them under it', () => {
    const lines = renderCheck(configurationCheck(configOf(env), ['DOLPS_FOO: unknown environment variable, ignored']));
    assert.deepEqual(lines, [
      'ok   configuration: valid (flags and environment, no conf.ini), 1 warning',
      '       warning: DOLPS_FOO: unknown environment variable, ignored',
    ]);
  });

  test('with targets, the configuration line says which one and why', () => {
    const config = { ...configOf(env), file: 'conf.ini', target: { name: 'test', why: '--target' } };
    assert.deepEqual(renderCheck(configurationCheck(config, [])), ['ok   configuration: valid (conf.ini, target test from --target)']);
  });
});
