// [udf] dir and [udf] remote_dir (issue 13): each layer, the default, and the mistakes, each naming
// where the value came from.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeConfig } from '../../../src/config/describe.js';
import { formatConfigError } from '../../../src/config/resolve.js';
import { expectConfig, expectErrors, FILE, resolveCase, withIni } from './support.js';

describe('config: [udf]', () => {
  it('unset: no UDF handling, as before', () => {
    const { config, warnings } = expectConfig(resolveCase({ ini: withIni({}) }));
    assert.equal(config.udf, undefined);
    assert.deepEqual(warnings, []);
  });

  it('from the file, remote_dir defaulting to the remote root path [dolps] src_dir', () => {
    const { config, warnings } = expectConfig(resolveCase({ ini: withIni({ udf: { dir: './udf/' } }) }));
    assert.deepEqual(config.udf, {
      dir: { value: 'udf', source: { kind: 'file', file: FILE, section: 'udf', key: 'dir' } },
      remoteDir: { value: '/from-file', source: { kind: 'default' } },
    });
    assert.deepEqual(warnings, [], '[udf] is a known section');
  });

  it('flags beat the environment, which beats the file', () => {
    const ini = withIni({ udf: { dir: 'file-udf', remote_dir: '/file-udf' } });
    const env = { DOLPS_UDF_DIR: 'env-udf', DOLPS_UDF_REMOTE_DIR: '/env-udf' };
    const fromEnv = expectConfig(resolveCase({ ini, env })).config.udf;
    assert.deepEqual([fromEnv?.dir.value, fromEnv?.remoteDir.value, fromEnv?.dir.source], ['env-udf', '/env-udf', { kind: 'env', name: 'DOLPS_UDF_DIR' }]);
    const fromFlags = expectConfig(resolveCase({ ini, env, flags: { udfDir: 'lib/udf', udfRemoteDir: '/jars//x/' } })).config.udf;
    assert.deepEqual([fromFlags?.dir.value, fromFlags?.remoteDir.value, fromFlags?.remoteDir.source],
      ['lib/udf', '/jars/x', { kind: 'flag', name: '--udf-remote-dir' }]);
  });

  it('--verbose shows both with their sources', () => {
    const { config } = expectConfig(resolveCase({ ini: withIni({ udf: { dir: 'udf' } }) }));
    const lines = describeConfig(config);
    assert.ok(lines.includes(`udf-dir = udf (from ${FILE} [udf] dir)`));
    assert.ok(lines.includes('udf-remote-dir = /from-file (from default)'));
  });

  const mistakes: { name: string; dir?: string; remote?: string; where: Record<string, string>; message: RegExp }[] = [
    { name: 'an absolute dir', dir: '/work/repo/udf', where: { section: 'udf', key: 'dir' }, message: /is not a path relative to the local root/ },
    { name: 'a dir escaping the local root', dir: 'udf/../../x', where: { section: 'udf', key: 'dir' }, message: /contains "\.\."/ },
    { name: 'the local root itself', dir: './', where: { section: 'udf', key: 'dir' }, message: /is the local root itself/ },
    { name: 'a relative remote_dir', dir: 'udf', remote: 'jars', where: { section: 'udf', key: 'remote_dir' }, message: /is not an absolute Resource Center path/ },
    { name: 'remote_dir without dir', remote: '/jars', where: { section: 'udf', key: 'remote_dir' }, message: /the local UDF folder is not/ },
  ];
  for (const m of mistakes) {
    it(`refuses ${m.name}, naming file, section and key`, () => {
      const udf = { ...(m.dir === undefined ? {} : { dir: m.dir }), ...(m.remote === undefined ? {} : { remote_dir: m.remote }) };
      const [error, ...rest] = expectErrors(resolveCase({ ini: withIni({ udf }) }));
      assert.deepEqual(rest, []);
      assert.deepEqual({ file: error?.file, section: error?.section, key: error?.key }, { file: FILE, ...m.where });
      assert.match(error?.message ?? '', m.message);
    });
  }

  it('a mistake in a flag names the flag, together with the other errors', () => {
    const errors = expectErrors(resolveCase({ ini: withIni({ url: { base: 'htp:/x' } }), flags: { udfDir: '../udf' } }));
    assert.deepEqual(errors.map((e) => e.source ?? e.key), ['base', '--udf-dir']);
    assert.match(formatConfigError(errors[1] ?? { message: '', fix: '' }), /^--udf-dir: "\.\.\/udf" contains "\.\."; fix: /);
  });

  it('a misspelt key in [udf] is a warning with "did you mean"', () => {
    const { warnings } = expectConfig(resolveCase({ ini: withIni({ udf: { dir: 'udf', remote_dri: '/x' } }) }));
    assert.deepEqual(warnings, [`${FILE} [udf] remote_dri: unknown key, ignored; did you mean "remote_dir"?`]);
  });
});
