// --repo names the repository only; the local directory defaults inside it and must lie inside it.
// Also the original tool's all-empty [db] section: "no database", one note, no error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeLocalDir } from '../../../src/config/local-dir.js';
import type { Setting } from '../../../src/config/types.js';
import { expectConfig, resolveCase, withIni } from './support.js';

const repo = { top: '/work/repo', namedBy: '--repo /work/repo' };
const fromDefault: Setting<string> = { value: '/elsewhere', source: { kind: 'default' } };

describe('placeLocalDir', () => {
  it('unset: the current directory when it is inside the repository', () => {
    const placed = placeLocalDir(fromDefault, repo, '/work/repo/sub');
    assert.deepEqual(placed, { ok: true, value: { value: '/work/repo/sub', source: { kind: 'default', detail: 'the current directory, inside the repository' } } });
  });

  it("unset: the repository's top when the current directory is outside it", () => {
    const placed = placeLocalDir(fromDefault, repo, '/tmp');
    assert.deepEqual(placed, { ok: true, value: { value: '/work/repo', source: { kind: 'default', detail: "the repository's top" } } });
  });

  it('[resource_file] src_dir inside the repository is kept as it is (--repo never replaces it)', () => {
    const fromFile: Setting<string> = { value: '/work/repo/resources', source: { kind: 'file', file: 'conf.ini', section: 'resource_file', key: 'src_dir' } };
    assert.deepEqual(placeLocalDir(fromFile, repo, '/tmp'), { ok: true, value: fromFile });
  });

  it('a local directory outside the repository is an error naming both and where each came from', () => {
    const placed = placeLocalDir({ value: '/work/repository-2', source: { kind: 'flag', name: '--local-dir' } }, repo, '/work/repo');
    assert.equal(placed.ok, false);
    assert.equal(!placed.ok && placed.message,
      'the local directory /work/repository-2 (from --local-dir) is outside the repository /work/repo (--repo /work/repo)');
  });
});

describe("the original tool's [db] with every value empty", () => {
  it('means no database: one note, no error', () => {
    const result = resolveCase({ ini: withIni({ db: { type: '', host: '', port: '', user: '', password: '', database: '', table: 't_ds_resources' } }) });
    const { config } = expectConfig(result);
    assert.equal(config.db, undefined);
    assert.equal(result.notes?.length, 1);
    assert.match(result.notes?.[0] ?? '', /\[db\]: every value is empty, so no metadata database is used/);
  });

  it('a [db] with a value set is not blank (its missing keys are errors, as before)', () => {
    const result = resolveCase({ ini: withIni({ db: { type: 'mysql', host: '' } }) });
    assert.ok('errors' in result);
    assert.equal(result.notes, undefined);
  });
});
