// Picking the config file: --config, then DOLPS_CONFIG, and never an implicit ./conf.ini.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../src/config/load.js';
import { formatConfigError } from '../../../src/config/resolve.js';
import { CWD, DIRS, expectConfig, expectErrors, iniText, MINIMAL, withIni } from './support.js';

function load(files: Record<string, string>, opts: { configPath?: string; env?: Record<string, string> } = {}) {
  const reads: string[] = [];
  const result = loadConfig({
    flags: {}, env: opts.env ?? {}, cwd: CWD, ...(opts.configPath ? { configPath: opts.configPath } : {}),
    readFile: (p) => { reads.push(p); return files[p]; },
    isDirectory: (p) => DIRS.has(p),
    isFile: (p) => p in files,
  });
  return { result, reads };
}

describe('loadConfig', () => {
  it('reads the file named by --config, relative to cwd, and keeps the name as given', () => {
    const { result, reads } = load({ '/work/repo/conf.ini': iniText(MINIMAL) }, { configPath: 'conf.ini' });
    const { config } = expectConfig(result);
    assert.deepEqual(reads, ['/work/repo/conf.ini']);
    assert.equal(config.file, 'conf.ini');
    assert.deepEqual(config.token?.source, { kind: 'file', file: 'conf.ini', section: 'dolps', key: 'token' });
  });

  it('--config wins over DOLPS_CONFIG', () => {
    const { reads } = load({ '/a.ini': iniText(MINIMAL), '/b.ini': iniText(MINIMAL) }, { configPath: '/a.ini', env: { DOLPS_CONFIG: '/b.ini' } });
    assert.deepEqual(reads, ['/a.ini']);
  });

  it('DOLPS_CONFIG is used without --config', () => {
    const { result } = load({ '/b.ini': iniText(withIni({ dolps: { src_dir: '/from-b' } })) }, { env: { DOLPS_CONFIG: '/b.ini' } });
    assert.equal(expectConfig(result).config.remoteDir.value, '/from-b');
  });

  it('a missing named file is an error naming it and where it was named', () => {
    const fromFlag = expectErrors(load({}, { configPath: 'nope.ini' }).result);
    assert.deepEqual(fromFlag.map(formatConfigError), [
      '--config: the config file nope.ini (/work/repo/nope.ini) does not exist or is not a file; '
      + 'fix: check the path given to --config, or leave --config out and use DOLPS_* variables',
    ]);
    const fromEnv = expectErrors(load({}, { env: { DOLPS_CONFIG: '/etc/none.ini' } }).result);
    assert.match(formatConfigError(fromEnv[0] ?? { message: '', fix: '' }), /^DOLPS_CONFIG: the config file \/etc\/none\.ini does not exist/);
  });

  it('a directory named as the config file is an error', () => {
    assert.equal(expectErrors(load({}, { configPath: '/etc/dolps' }).result).length, 1);
  });

  it('does not read ./conf.ini on its own, but says it is there when a required setting is missing', () => {
    const { result, reads } = load({ '/work/repo/conf.ini': iniText(MINIMAL) });
    assert.deepEqual(reads, []);
    assert.ok('errors' in result);
    assert.deepEqual(result.notes, ['conf.ini here is not read unless named: --config conf.ini (or DOLPS_CONFIG)']);
  });

  it('no note without a conf.ini here, nor when nothing required is missing', () => {
    assert.equal(load({}).result.notes, undefined);
    const complete = load({ '/work/repo/conf.ini': '' }, { env: { DOLPS_URL: 'http://h:1/dolphinscheduler', DOLPS_TOKEN: 'tttt', DOLPS_REMOTE_DIR: '/x' } });
    assert.equal(complete.result.notes, undefined);
  });
});
