// The original tool's four [url] endpoint keys, and the new [url] base that replaces them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatConfigError } from '../../../src/config/resolve.js';
import { expectConfig, expectErrors, FILE, fixture, resolveCase, withIni } from './support.js';

const legacy = (urls: Record<string, string>) => withIni({ url: { base: '' , ...urls } });

describe('[url] legacy endpoint keys', () => {
  it('the original conf.ini works unchanged', () => {
    const { config, warnings } = expectConfig(resolveCase({ ini: fixture('legacy-keys.ini'), cwd: '/work/repo' }));
    assert.deepEqual(warnings, []);
    assert.deepEqual(config.baseUrl, { value: 'http://ds-host:12345/dolphinscheduler',
      source: { kind: 'file', file: FILE, section: 'url', key: 'create_dir' } });
    assert.equal(config.token?.value, '0123abcd4567ef');
    assert.equal(config.user?.value, 'admin');
    assert.equal(config.remoteDir.value, '/gitlab');
    assert.equal(config.localDir.value, '/data/git/resources');
    assert.equal(config.logDir?.value, '/data/logs/dolps');
    assert.equal(config.db?.type.value, 'mysql');
    assert.equal(config.db?.port.value, 3306);
    assert.equal(config.db?.database.value, 'dolphinscheduler');
    assert.equal(config.db?.password?.value, 'secret');
    assert.equal(config.api.value, 'auto');
  });

  it('the README template forms (online-create, {id}, verify-name) give the same base', () => {
    const { config } = expectConfig(resolveCase({ ini: legacy({
      create_file: 'http://h:12345/dolphinscheduler/resources/online-create',
      delete_update_resource: 'http://h:12345/dolphinscheduler/resources/{id}',
      query_resource: 'http://h:12345/dolphinscheduler/resources/verify-name',
    }) }));
    assert.equal(config.baseUrl.value, 'http://h:12345/dolphinscheduler');
    assert.equal(config.baseUrl.source.kind === 'file' && config.baseUrl.source.key, 'create_file');
  });

  it('one legacy key is enough', () => {
    const { config } = expectConfig(resolveCase({ ini: legacy({ query_resource: 'http://h:1/ds/resources/list' }) }));
    assert.equal(config.baseUrl.value, 'http://h:1/ds');
  });

  it('keys that disagree on the server are an error naming both', () => {
    const errors = expectErrors(resolveCase({ ini: legacy({
      create_dir: 'http://old-host:12345/dolphinscheduler/resources/directory',
      create_file: 'http://old-host:12345/dolphinscheduler/resources',
      query_resource: 'http://new-host:12345/dolphinscheduler/resources/list',
    }) }));
    assert.deepEqual(errors.map(formatConfigError), [
      `${FILE} [url] query_resource: points at server http://new-host:12345/dolphinscheduler, but [url] create_dir points at `
      + 'http://old-host:12345/dolphinscheduler; fix: make both use the same server, or replace the four keys with '
      + '[url] base = http://old-host:12345/dolphinscheduler',
    ]);
  });

  it('a legacy key without /resources is an error', () => {
    const [error, ...rest] = expectErrors(resolveCase({ ini: legacy({ create_dir: 'http://h:1/dolphinscheduler/resource/directory' }) }));
    assert.deepEqual(rest, []);
    assert.equal(error?.key, 'create_dir');
    assert.match(error?.message ?? '', /has no \/resources/);
  });

  it('[url] base wins over legacy keys; a disagreeing one is a warning naming both keys', () => {
    const { config, warnings } = expectConfig(resolveCase({ ini: withIni({ url: {
      base: 'http://new-host:12345/dolphinscheduler',
      create_dir: 'http://old-host:12345/dolphinscheduler/resources/directory',
      create_file: 'http://new-host:12345/dolphinscheduler/resources',
    } }) }));
    assert.equal(config.baseUrl.value, 'http://new-host:12345/dolphinscheduler');
    assert.deepEqual(warnings, [`${FILE} [url] create_dir: points at http://old-host:12345/dolphinscheduler, but [url] base is `
      + 'http://new-host:12345/dolphinscheduler; base is used; remove the old [url] create_dir']);
  });

  it('a broken legacy key next to [url] base is only a warning', () => {
    const { warnings } = expectConfig(resolveCase({ ini: withIni({ url: { create_dir: 'http://{ip:port}/dolphinscheduler/resources/directory' } }) }));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /\[url\] create_dir: .* it is not used because \[url\] base is set/);
  });

  it('DOLPS_URL makes the file\'s URL keys irrelevant, even broken ones', () => {
    const { config, warnings } = expectConfig(resolveCase({ env: { DOLPS_URL: 'http://env:1/ds' },
      ini: legacy({ create_dir: 'http://a:1/ds/resources/directory', create_file: 'http://b:1/ds/resources' }) }));
    assert.equal(config.baseUrl.value, 'http://env:1/ds');
    assert.deepEqual(warnings, []);
  });
});

describe('base-key.ini (the new keys)', () => {
  it('reads every new key, with relative paths resolved against the file\'s directory', () => {
    const { config, warnings } = expectConfig(resolveCase({ ini: fixture('base-key.ini') }));
    assert.deepEqual(warnings, []);
    assert.equal(config.baseUrl.value, 'https://ds.example.com/dolphinscheduler');
    assert.equal(config.user?.value, 'deploy');
    // No inline comments, and %% is a literal % (configparser's rules).
    assert.equal(config.password?.value, 'pa#ss;word%1');
    assert.equal(config.api.value, '3.2');
    assert.equal(config.tenant?.value, 'analytics');
    assert.equal(config.remoteDir.value, '/gitlab/etl');
    assert.equal(config.localDir.value, '/etc/dolps/repo');
    assert.equal(config.logDir?.value, '/etc/dolps/logs');
    assert.deepEqual(config.excludes.value, ['*.tmp', '*.{bak,orig}', 'secrets/', '/build/']);
    assert.equal(config.timeoutMs.value, 60000);
    assert.equal(config.concurrency.value, 8);
    assert.equal(config.retries.value, 0);
    assert.equal(config.file, FILE);
  });
});

describe('relative paths', () => {
  it('from the file resolve against the file\'s directory', () => {
    const { config } = expectConfig(resolveCase({ ini: withIni({ resource_file: { src_dir: './repo', log_dir: '../log' } }) }));
    assert.equal(config.localDir.value, '/etc/dolps/repo');
    assert.equal(config.logDir?.value, '/etc/log');
  });

  it('from a relatively named file resolve against that file\'s directory under cwd', () => {
    const { config } = expectConfig(resolveCase({ path: 'sub/conf.ini', ini: withIni({ resource_file: { src_dir: '.' } }) }));
    assert.equal(config.localDir.value, '/work/repo/sub');
    assert.equal(config.file, 'sub/conf.ini');
  });

  it('from flags and environment resolve against cwd', () => {
    const flagged = expectConfig(resolveCase({ flags: { localDir: 'sub', logDir: 'logs' }, ini: withIni({}) })).config;
    assert.equal(flagged.localDir.value, '/work/repo/sub');
    assert.equal(flagged.logDir?.value, '/work/repo/logs');
    const fromEnv = expectConfig(resolveCase({ env: { DOLPS_LOCAL_DIR: './sub' }, ini: withIni({}) })).config;
    assert.equal(fromEnv.localDir.value, '/work/repo/sub');
  });

  it('a relative file path that does not exist names both the text and the resolved path', () => {
    const [error] = expectErrors(resolveCase({ ini: withIni({ resource_file: { src_dir: 'missing' } }) }));
    assert.equal(error?.message, '"/etc/dolps/missing" ("missing" resolved against /etc/dolps) does not exist or is not a directory');
  });
});
