// One table for the whole precedence rule: flags > environment > file > defaults, with the source of
// every value recorded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Config, SettingSource } from '../../../src/config/types.js';
import { expectConfig, FILE, resolveCase, withIni, type Case } from './support.js';

interface Row extends Case {
  name: string;
  get: (c: Config) => { value: unknown; source: SettingSource } | undefined;
  value: unknown;
  source: SettingSource;
}

const flag = (name: string): SettingSource => ({ kind: 'flag', name });
const env = (name: string): SettingSource => ({ kind: 'env', name });
const file = (section: string, key: string): SettingSource => ({ kind: 'file', file: FILE, section, key });
const byDefault: SettingSource = { kind: 'default' };

const rows: Row[] = [
  { name: 'url from --url over env and file', flags: { url: 'http://flag:1/ds' }, env: { DOLPS_URL: 'http://env:1/ds' }, ini: withIni({}),
    get: (c) => c.baseUrl, value: 'http://flag:1/ds', source: flag('--url') },
  { name: 'url from DOLPS_URL over file', env: { DOLPS_URL: 'http://env:1/ds' }, ini: withIni({}),
    get: (c) => c.baseUrl, value: 'http://env:1/ds', source: env('DOLPS_URL') },
  { name: 'url from [url] base', ini: withIni({}),
    get: (c) => c.baseUrl, value: 'http://file-host:12345/dolphinscheduler', source: file('url', 'base') },

  { name: 'token from DOLPS_TOKEN over file', env: { DOLPS_TOKEN: 'env-token-0001' }, ini: withIni({}),
    get: (c) => c.token, value: 'env-token-0001', source: env('DOLPS_TOKEN') },
  { name: 'token from [dolps] token', ini: withIni({}), get: (c) => c.token, value: 'file-token-0001', source: file('dolps', 'token') },
  { name: 'empty DOLPS_TOKEN counts as unset', env: { DOLPS_TOKEN: '' }, ini: withIni({}),
    get: (c) => c.token, value: 'file-token-0001', source: file('dolps', 'token') },

  { name: 'user from --user', flags: { user: 'flag-user' }, env: { DOLPS_USER: 'env-user' }, ini: withIni({ dolps: { user_name: 'file-user' } }),
    get: (c) => c.user, value: 'flag-user', source: flag('--user') },
  { name: 'user from DOLPS_USER', env: { DOLPS_USER: 'env-user' }, ini: withIni({ dolps: { user_name: 'file-user' } }),
    get: (c) => c.user, value: 'env-user', source: env('DOLPS_USER') },
  { name: 'user from [dolps] user_name', ini: withIni({ dolps: { user_name: 'file-user' } }),
    get: (c) => c.user, value: 'file-user', source: file('dolps', 'user_name') },

  { name: 'password from DOLPS_PASSWORD keeps its spaces', env: { DOLPS_PASSWORD: ' pass word ' }, ini: withIni({ dolps: { user_name: 'u', password: 'file-pass' } }),
    get: (c) => c.password, value: ' pass word ', source: env('DOLPS_PASSWORD') },

  { name: 'api from --api', flags: { api: '3.1' }, env: { DOLPS_API: '3.2' }, ini: withIni({ dolps: { api: '3.3' } }),
    get: (c) => c.api, value: '3.1', source: flag('--api') },
  { name: 'api from DOLPS_API', env: { DOLPS_API: '3.2' }, ini: withIni({ dolps: { api: '3.3' } }), get: (c) => c.api, value: '3.2', source: env('DOLPS_API') },
  { name: 'api from [dolps] api', ini: withIni({ dolps: { api: '3.3' } }), get: (c) => c.api, value: '3.3', source: file('dolps', 'api') },
  { name: 'api defaults to auto', ini: withIni({}), get: (c) => c.api, value: 'auto', source: byDefault },

  { name: 'remote dir from --remote-dir', flags: { remoteDir: '/flag' }, env: { DOLPS_REMOTE_DIR: '/env' }, ini: withIni({}),
    get: (c) => c.remoteDir, value: '/flag', source: flag('--remote-dir') },
  { name: 'remote dir from DOLPS_REMOTE_DIR', env: { DOLPS_REMOTE_DIR: '/env' }, ini: withIni({}),
    get: (c) => c.remoteDir, value: '/env', source: env('DOLPS_REMOTE_DIR') },
  { name: 'remote dir from [dolps] src_dir', ini: withIni({}), get: (c) => c.remoteDir, value: '/from-file', source: file('dolps', 'src_dir') },

  { name: 'tenant from --tenant', flags: { tenant: 't-flag' }, env: { DOLPS_TENANT: 't-env' }, ini: withIni({ dolps: { tenant: 't-file' } }),
    get: (c) => c.tenant, value: 't-flag', source: flag('--tenant') },
  { name: 'tenant from DOLPS_TENANT', env: { DOLPS_TENANT: 't-env' }, ini: withIni({ dolps: { tenant: 't-file' } }),
    get: (c) => c.tenant, value: 't-env', source: env('DOLPS_TENANT') },
  { name: 'tenant from [dolps] tenant', ini: withIni({ dolps: { tenant: 't-file' } }), get: (c) => c.tenant, value: 't-file', source: file('dolps', 'tenant') },

  { name: 'local dir from --local-dir', flags: { localDir: '/flag/dir' }, env: { DOLPS_LOCAL_DIR: '/env/dir' }, ini: withIni({ resource_file: { src_dir: '/file/dir' } }),
    get: (c) => c.localDir, value: '/flag/dir', source: flag('--local-dir') },
  { name: 'local dir from DOLPS_LOCAL_DIR', env: { DOLPS_LOCAL_DIR: '/env/dir' }, ini: withIni({ resource_file: { src_dir: '/file/dir' } }),
    get: (c) => c.localDir, value: '/env/dir', source: env('DOLPS_LOCAL_DIR') },
  { name: 'local dir from [resource_file] src_dir', ini: withIni({ resource_file: { src_dir: '/file/dir' } }),
    get: (c) => c.localDir, value: '/file/dir', source: file('resource_file', 'src_dir') },
  { name: 'local dir defaults to the working directory', ini: withIni({}), get: (c) => c.localDir, value: '/work/repo', source: byDefault },

  { name: 'log dir from --log-dir', flags: { logDir: '/l/flag' }, env: { DOLPS_LOG_DIR: '/l/env' }, ini: withIni({ resource_file: { log_dir: '/l/file' } }),
    get: (c) => c.logDir, value: '/l/flag', source: flag('--log-dir') },
  { name: 'log dir from DOLPS_LOG_DIR', env: { DOLPS_LOG_DIR: '/l/env' }, ini: withIni({ resource_file: { log_dir: '/l/file' } }),
    get: (c) => c.logDir, value: '/l/env', source: env('DOLPS_LOG_DIR') },
  { name: 'log dir from [resource_file] log_dir', ini: withIni({ resource_file: { log_dir: '/l/file' } }),
    get: (c) => c.logDir, value: '/l/file', source: file('resource_file', 'log_dir') },

  { name: 'excludes from --exclude replace the others', flags: { exclude: ['a,b'] }, env: { DOLPS_EXCLUDE: 'e1,e2' }, ini: withIni({ resource_file: { exclude: 'f1' } }),
    get: (c) => c.excludes, value: ['a,b'], source: flag('--exclude') },
  { name: 'excludes from DOLPS_EXCLUDE, split on commas and newlines', env: { DOLPS_EXCLUDE: 'e1, e2\ne3' }, ini: withIni({ resource_file: { exclude: 'f1' } }),
    get: (c) => c.excludes, value: ['e1', 'e2', 'e3'], source: env('DOLPS_EXCLUDE') },
  { name: 'excludes from [resource_file] exclude', ini: withIni({ resource_file: { exclude: 'f1, *.{a,b}' } }),
    get: (c) => c.excludes, value: ['f1', '*.{a,b}'], source: file('resource_file', 'exclude') },
  { name: 'excludes default to none', ini: withIni({}), get: (c) => c.excludes, value: [], source: byDefault },

  { name: 'timeout from --timeout (a number)', flags: { timeout: 5 }, env: { DOLPS_TIMEOUT: '6' }, ini: withIni({ sync: { timeout: '7' } }),
    get: (c) => c.timeoutMs, value: 5000, source: flag('--timeout') },
  { name: 'timeout from DOLPS_TIMEOUT', env: { DOLPS_TIMEOUT: '6' }, ini: withIni({ sync: { timeout: '7' } }),
    get: (c) => c.timeoutMs, value: 6000, source: env('DOLPS_TIMEOUT') },
  { name: 'timeout from [sync] timeout', ini: withIni({ sync: { timeout: '7' } }), get: (c) => c.timeoutMs, value: 7000, source: file('sync', 'timeout') },
  { name: 'timeout defaults to 30 s', ini: withIni({}), get: (c) => c.timeoutMs, value: 30000, source: byDefault },

  { name: 'concurrency from --concurrency', flags: { concurrency: '2' }, env: { DOLPS_CONCURRENCY: '3' }, ini: withIni({ sync: { concurrency: '5' } }),
    get: (c) => c.concurrency, value: 2, source: flag('--concurrency') },
  { name: 'concurrency from DOLPS_CONCURRENCY', env: { DOLPS_CONCURRENCY: '3' }, ini: withIni({ sync: { concurrency: '5' } }),
    get: (c) => c.concurrency, value: 3, source: env('DOLPS_CONCURRENCY') },
  { name: 'concurrency from [sync] concurrency', ini: withIni({ sync: { concurrency: '5' } }), get: (c) => c.concurrency, value: 5, source: file('sync', 'concurrency') },
  { name: 'concurrency defaults to 8', ini: withIni({}), get: (c) => c.concurrency, value: 8, source: byDefault },

  { name: 'retries from --retries (0 is allowed)', flags: { retries: 0 }, env: { DOLPS_RETRIES: '1' }, ini: withIni({ sync: { retries: '2' } }),
    get: (c) => c.retries, value: 0, source: flag('--retries') },
  { name: 'retries from DOLPS_RETRIES', env: { DOLPS_RETRIES: '1' }, ini: withIni({ sync: { retries: '2' } }), get: (c) => c.retries, value: 1, source: env('DOLPS_RETRIES') },
  { name: 'retries from [sync] retries', ini: withIni({ sync: { retries: '2' } }), get: (c) => c.retries, value: 2, source: file('sync', 'retries') },
  { name: 'retries default to 3', ini: withIni({}), get: (c) => c.retries, value: 3, source: byDefault },

  { name: 'on-drift from --on-drift', flags: { onDrift: 'fail' }, env: { DOLPS_ON_DRIFT: 'overwrite' }, ini: withIni({ sync: { on_drift: 'overwrite' } }),
    get: (c) => c.onDrift, value: 'fail', source: flag('--on-drift') },
  { name: 'on-drift from DOLPS_ON_DRIFT', env: { DOLPS_ON_DRIFT: 'FAIL' }, ini: withIni({ sync: { on_drift: 'overwrite' } }),
    get: (c) => c.onDrift, value: 'fail', source: env('DOLPS_ON_DRIFT') },
  { name: 'on-drift from [sync] on_drift', ini: withIni({ sync: { on_drift: 'fail' } }), get: (c) => c.onDrift, value: 'fail', source: file('sync', 'on_drift') },
  { name: 'on-drift defaults to overwrite', ini: withIni({}), get: (c) => c.onDrift, value: 'overwrite', source: byDefault },
];

const DB = { type: 'mysql', host: 'db-file', port: '3307', user: 'ds', database: 'dolphinscheduler', password: 'file-db-pass' };
const dbRows: Row[] = [
  { name: 'db host from DOLPS_DB_HOST', env: { DOLPS_DB_HOST: 'db-env' }, ini: withIni({ db: DB }), get: (c) => c.db?.host, value: 'db-env', source: env('DOLPS_DB_HOST') },
  { name: 'db host from [db] host', ini: withIni({ db: DB }), get: (c) => c.db?.host, value: 'db-file', source: file('db', 'host') },
  { name: 'db name from DOLPS_DB_NAME', env: { DOLPS_DB_NAME: 'other' }, ini: withIni({ db: DB }), get: (c) => c.db?.database, value: 'other', source: env('DOLPS_DB_NAME') },
  { name: 'db type postgres is postgresql', env: { DOLPS_DB_TYPE: 'Postgres' }, ini: withIni({ db: DB }), get: (c) => c.db?.type, value: 'postgresql', source: env('DOLPS_DB_TYPE') },
  { name: 'db port from DOLPS_DB_PORT', env: { DOLPS_DB_PORT: '5433' }, ini: withIni({ db: DB }), get: (c) => c.db?.port, value: 5433, source: env('DOLPS_DB_PORT') },
  { name: 'db port defaults by type (mysql)', ini: withIni({ db: { ...DB, port: '' } }), get: (c) => c.db?.port, value: 3306, source: byDefault },
  { name: 'db port defaults by type (postgresql)', ini: withIni({ db: { ...DB, type: 'postgresql', port: '' } }), get: (c) => c.db?.port, value: 5432, source: byDefault },
  { name: 'db password from DOLPS_DB_PASSWORD', env: { DOLPS_DB_PASSWORD: 'env-db-pass' }, ini: withIni({ db: DB }),
    get: (c) => c.db?.password, value: 'env-db-pass', source: env('DOLPS_DB_PASSWORD') },
  { name: 'db entirely from the environment', env: { DOLPS_DB_TYPE: 'mysql', DOLPS_DB_HOST: 'h', DOLPS_DB_USER: 'u', DOLPS_DB_NAME: 'n' }, ini: withIni({}),
    get: (c) => c.db?.user, value: 'u', source: env('DOLPS_DB_USER') },
];

describe('precedence: flags > environment > file > defaults', () => {
  for (const row of [...rows, ...dbRows]) {
    it(row.name, () => {
      const { config } = expectConfig(resolveCase(row));
      const setting = row.get(config);
      assert.ok(setting, 'setting is present');
      assert.deepEqual(setting.value, row.value);
      assert.deepEqual(setting.source, row.source);
    });
  }

  it('without a config file, flags and environment are enough', () => {
    const { config } = expectConfig(resolveCase({ flags: { url: 'http://h:1/ds', remoteDir: '/' }, env: { DOLPS_TOKEN: 'tok-0001' } }));
    assert.equal(config.file, undefined);
    assert.equal(config.remoteDir.value, '/');
    assert.equal(config.db, undefined);
  });

  it('an empty [db] section (the original template) means no database', () => {
    const { config } = expectConfig(resolveCase({ ini: withIni({ db: { type: '', host: '', port: '', user: '', database: '', password: '' } }) }));
    assert.equal(config.db, undefined);
  });
});
