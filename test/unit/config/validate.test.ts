// Every validation error names where the value came from and how to fix it, and all of them come
// back together.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatConfigError, type ConfigError } from '../../../src/config/resolve.js';
import { expectConfig, expectErrors, FILE, fixture, resolveCase, withIni, type Case } from './support.js';

interface ErrorRow extends Case {
  name: string;
  /** The one error expected, matched on these fields; message and fix are matched as substrings. */
  expect: Partial<ConfigError>;
}

const inFile = (section: string, key: string) => ({ file: FILE, section, key });

const rows: ErrorRow[] = [
  { name: 'url that is not http(s)', ini: withIni({ url: { base: 'htp:/x' } }),
    expect: { ...inFile('url', 'base'), message: '"htp:/x" is not an http(s) URL', fix: 'http://host:12345/dolphinscheduler' } },
  { name: 'url without a scheme', env: { DOLPS_URL: 'ds-host:12345/dolphinscheduler' }, ini: withIni({}),
    expect: { source: 'DOLPS_URL', message: 'is not an http(s) URL', fix: 'add the scheme: http://ds-host:12345/dolphinscheduler' } },
  { name: 'url that does not parse (the template placeholder)', flags: { url: 'http://{ip:port}/dolphinscheduler' }, ini: withIni({}),
    expect: { source: '--url', message: 'is not an http(s) URL' } },
  { name: 'url with a query', flags: { url: 'http://h:1/ds?x=1' }, ini: withIni({}), expect: { source: '--url', message: 'has a query or fragment' } },
  { name: 'url missing everywhere', ini: { dolps: { token: 'file-token-0001', src_dir: '/x' } },
    expect: { ...inFile('url', 'base'), message: 'the DolphinScheduler URL is not set', fix: 'set DOLPS_URL, --url or [url] base in /etc/dolps/conf.ini' } },
  { name: 'no token and no password', ini: withIni({ dolps: { token: '' } }),
    expect: { ...inFile('dolps', 'token'), fix: `set DOLPS_TOKEN (e.g. a CI secret variable) or [dolps] token in ${FILE}` } },
  { name: 'no token and no config file', flags: { url: 'http://h:1/ds', remoteDir: '/x' },
    expect: { source: 'DOLPS_TOKEN', fix: 'set DOLPS_TOKEN (e.g. a CI secret variable) or [dolps] token in the config file (--config)' } },
  { name: 'password without user', env: { DOLPS_PASSWORD: 'hunter22' }, ini: withIni({ dolps: { token: '' } }),
    expect: { ...inFile('dolps', 'user_name'), message: 'a password is set but no user' } },
  { name: 'on-drift not a policy', flags: { onDrift: 'ask' }, ini: withIni({}), expect: { source: '--on-drift', message: '"ask" is not a drift policy', fix: 'overwrite, fail' } },
  { name: 'api not an enum value', flags: { api: '3.9' }, ini: withIni({}), expect: { source: '--api', message: '"3.9" is not a known API generation', fix: 'auto' } },
  { name: 'api given as a release number', ini: withIni({ dolps: { api: '3.2.2' } }), expect: { ...inFile('dolps', 'api'), fix: 'write the API generation 3.2' } },
  { name: 'remote dir not absolute', ini: withIni({ dolps: { src_dir: 'gitlab' } }), expect: { ...inFile('dolps', 'src_dir'), fix: 'write it with a leading slash: /gitlab' } },
  { name: 'remote dir with ..', env: { DOLPS_REMOTE_DIR: '/a/../b' }, ini: withIni({}), expect: { source: 'DOLPS_REMOTE_DIR', message: 'contains ".."' } },
  { name: 'remote dir missing (no default)', ini: withIni({ dolps: { src_dir: '' } }),
    expect: { ...inFile('dolps', 'src_dir'), message: 'not set', fix: 'e.g. /gitlab (write / for the whole Resource Center)' } },
  { name: 'local dir missing on disk', flags: { localDir: '/nope' }, ini: withIni({}),
    expect: { source: '--local-dir', message: '"/nope" does not exist or is not a directory' } },
  { name: 'local dir with ~', env: { DOLPS_LOCAL_DIR: '~/repo' }, ini: withIni({}), expect: { source: 'DOLPS_LOCAL_DIR', message: 'starts with ~' } },
  { name: 'timeout zero', ini: withIni({ sync: { timeout: '0' } }), expect: { ...inFile('sync', 'timeout'), message: '0 is out of range', fix: 'seconds from 1 to 3600' } },
  { name: 'timeout with a unit', env: { DOLPS_TIMEOUT: '30s' }, ini: withIni({}), expect: { source: 'DOLPS_TIMEOUT', message: '"30s" is not a whole number' } },
  { name: 'timeout too large', flags: { timeout: 3601 }, ini: withIni({}), expect: { source: '--timeout', message: 'out of range' } },
  { name: 'concurrency too large', flags: { concurrency: 33 }, ini: withIni({}), expect: { source: '--concurrency', fix: 'from 1 to 32' } },
  { name: 'concurrency negative', env: { DOLPS_CONCURRENCY: '-1' }, ini: withIni({}), expect: { source: 'DOLPS_CONCURRENCY', message: 'not a whole number' } },
  { name: 'retries too many', ini: withIni({ sync: { retries: '11' } }), expect: { ...inFile('sync', 'retries'), fix: 'from 0 to 10' } },
  { name: 'db type unknown', ini: withIni({ db: { type: 'oracle', host: 'h', user: 'u', database: 'd' } }),
    expect: { ...inFile('db', 'type'), fix: 'write postgresql or mysql' } },
  { name: 'db port out of range', env: { DOLPS_DB_PORT: '70000' }, ini: withIni({ db: { type: 'mysql', host: 'h', user: 'u', database: 'd' } }),
    expect: { source: 'DOLPS_DB_PORT', message: 'out of range' } },
  { name: 'db host missing', ini: withIni({ db: { type: 'mysql', user: 'u', database: 'd' } }), expect: { ...inFile('db', 'host'), fix: 'or DOLPS_DB_HOST' } },
  { name: 'db type missing', env: { DOLPS_DB_HOST: 'h', DOLPS_DB_USER: 'u', DOLPS_DB_NAME: 'd' }, ini: withIni({}), expect: { ...inFile('db', 'type') } },
  { name: 'empty flag value', flags: { remoteDir: '' }, ini: withIni({}), expect: { source: '--remote-dir', message: 'the value is empty' } },
  { name: 'empty --exclude item', flags: { exclude: ['*.tmp', ' '] }, ini: withIni({}), expect: { source: '--exclude', message: 'the value is empty' } },
];

function matches(actual: ConfigError, expected: Partial<ConfigError>): boolean {
  return Object.entries(expected).every(([k, v]) => {
    const got = actual[k as keyof ConfigError];
    return typeof v === 'string' && (k === 'message' || k === 'fix') ? typeof got === 'string' && got.includes(v) : got === v;
  });
}

describe('validation errors', () => {
  for (const row of rows) {
    it(row.name, () => {
      const errors = expectErrors(resolveCase(row));
      assert.equal(errors.length, 1, errors.map(formatConfigError).join('\n'));
      const [error] = errors as [ConfigError];
      assert.ok(matches(error, row.expect), `${formatConfigError(error)}\n  expected ${JSON.stringify(row.expect)}`);
      assert.ok(error.fix.length > 0, 'has a fix');
      assert.ok(error.file !== undefined || error.source !== undefined, 'names where');
    });
  }

  it('reports every problem in bad-values.ini at once', () => {
    const result = resolveCase({ ini: fixture('bad-values.ini') });
    const errors = expectErrors(result);
    const where = errors.map((e) => `[${e.section}] ${e.key}`).sort();
    assert.deepEqual(where, [
      '[db] database', '[db] host', '[db] port', '[db] type', '[db] user',
      '[dolps] api', '[dolps] src_dir', '[dolps] token',
      '[resource_file] src_dir',
      '[sync] concurrency', '[sync] retries', '[sync] timeout',
      '[url] base',
    ]);
    for (const e of errors) assert.equal(e.file, FILE);
    assert.deepEqual(result.warnings, [
      `${FILE} [sycn]: unknown section, ignored; did you mean [sync]?`,
      `${FILE} [dolps] tokne: unknown key, ignored; did you mean "token"?`,
    ]);
  });

  it('formats one line with file, section, key, message and fix', () => {
    const [error] = expectErrors(resolveCase({ ini: withIni({ url: { base: 'htp:/x' } }), path: 'conf.ini' }));
    assert.ok(error);
    assert.equal(formatConfigError(error),
      'conf.ini [url] base: "htp:/x" is not an http(s) URL; fix: write it as http://host:12345/dolphinscheduler');
  });

  it('formats an error from the environment with the variable name', () => {
    const [error] = expectErrors(resolveCase({ env: { DOLPS_API: 'v4' }, ini: withIni({}) }));
    assert.ok(error);
    assert.match(formatConfigError(error), /^DOLPS_API: "v4" is not a known API generation; fix: write one of auto, 3\.0, 3\.1, 3\.2, 3\.3/);
  });

  it('does not validate a file value that a higher layer overrides', () => {
    const { config } = expectConfig(resolveCase({ env: { DOLPS_URL: 'http://env:1/ds', DOLPS_TIMEOUT: '9' }, ini: withIni({ url: { base: 'htp:/x' }, sync: { timeout: 'soon' } }) }));
    assert.equal(config.baseUrl.value, 'http://env:1/ds');
    assert.equal(config.timeoutMs.value, 9000);
  });

  it('never echoes a secret in an error, even a URL password', () => {
    const errors = expectErrors(resolveCase({ flags: { url: 'http://admin:s3cret-pw@h:1/ds' }, env: { DOLPS_TOKEN: 'tok-0001' }, ini: withIni({}) }));
    const text = errors.map(formatConfigError).join('\n');
    assert.match(text, /contains a user name or password/);
    assert.doesNotMatch(text, /s3cret-pw/);
  });

  it('warns when both a token and a password are set, and uses the token', () => {
    const result = resolveCase({ env: { DOLPS_PASSWORD: 'pw-0001', DOLPS_USER: 'u' }, ini: withIni({}) });
    const { config, warnings } = expectConfig(result);
    assert.equal(config.token?.value, 'file-token-0001');
    assert.deepEqual(warnings, [`both a token (${FILE} [dolps] token) and a password (DOLPS_PASSWORD) are set; the token is used; remove the password`]);
    assert.doesNotMatch(warnings.join('\n'), /pw-0001|file-token-0001/);
  });

  it('user and password without a token are enough', () => {
    const { config } = expectConfig(resolveCase({ env: { DOLPS_USER: 'admin', DOLPS_PASSWORD: 'dolphinscheduler123' }, ini: withIni({ dolps: { token: '' } }) }));
    assert.equal(config.token, undefined);
    assert.equal(config.user?.value, 'admin');
  });

  it('warns about unknown DOLPS_ variables with a suggestion', () => {
    const { warnings } = expectConfig(resolveCase({ env: { DOLPS_TOKN: 'x', DOLPS_SOMETHING_ELSE: 'y', HOME: '/root' }, ini: withIni({}) }));
    assert.deepEqual(warnings, [
      'DOLPS_SOMETHING_ELSE: unknown environment variable, ignored',
      'DOLPS_TOKN: unknown environment variable, ignored; did you mean DOLPS_TOKEN?',
    ]);
  });

  it('warns about a database password with no database', () => {
    const { warnings } = expectConfig(resolveCase({ env: { DOLPS_DB_PASSWORD: 'x' }, ini: withIni({}) }));
    assert.deepEqual(warnings, ['DOLPS_DB_PASSWORD: a database password is set but no database; it is not used']);
  });

  it('suggests the right section for a key in the wrong one', () => {
    const { warnings } = expectConfig(resolveCase({ ini: withIni({ dolps: { timeout: '5' } }) }));
    assert.deepEqual(warnings, [`${FILE} [dolps] timeout: unknown key, ignored; did you mean [sync] timeout?`]);
  });
});

describe('value normalisation', () => {
  const cases: [string, string, string][] = [
    ['trailing slash dropped from url', 'http://h:12345/dolphinscheduler/', 'http://h:12345/dolphinscheduler'],
    ['url cut at /resources', 'http://h:12345/dolphinscheduler/resources/list', 'http://h:12345/dolphinscheduler'],
    ['https kept', 'https://h/dolphinscheduler', 'https://h/dolphinscheduler'],
    ['a /resourcesX segment is not /resources', 'http://h/resourcesX/a', 'http://h/resourcesX/a'],
  ];
  for (const [name, given, expected] of cases) {
    it(name, () => assert.equal(expectConfig(resolveCase({ flags: { url: given }, ini: withIni({}) })).config.baseUrl.value, expected));
  }
  const dirs: [string, string][] = [['/', '/'], ['/gitlab/', '/gitlab'], ['//a//b/./c/', '/a/b/c']];
  for (const [given, expected] of dirs) {
    it(`remote dir ${given} becomes ${expected}`, () => assert.equal(expectConfig(resolveCase({ flags: { remoteDir: given }, ini: withIni({}) })).config.remoteDir.value, expected));
  }
});
