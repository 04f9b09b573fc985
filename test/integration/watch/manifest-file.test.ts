import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ManifestError } from '../../../src/sources/watch/errors.js';
import { emptyManifest, loadManifest, saveManifest } from '../../../src/sources/watch/manifest.js';
import { makeTempDir } from './support.js';

describe('manifest file', () => {
  it('round-trips and leaves no temp file behind', async (t) => {
    const dir = await makeTempDir(t);
    const file = join(dir, 'state/watch-manifest.json');
    const manifest = emptyManifest('/tenant/etl');
    manifest.files.set('a b/ü.sh', { size: 12, sha256: 'f'.repeat(64) });
    manifest.dirs.add('a b');
    await saveManifest(file, manifest);
    assert.deepEqual(await loadManifest(file), manifest);
    manifest.files.delete('a b/ü.sh');
    await saveManifest(file, manifest);
    assert.deepEqual(await loadManifest(file), manifest);
    assert.deepEqual(await readdir(join(dir, 'state')), ['watch-manifest.json']);
    assert.match(await readFile(file, 'utf8'), /"version": 1/);
  });

  it('is undefined when there is none yet', async (t) => {
    const dir = await makeTempDir(t);
    assert.equal(await loadManifest(join(dir, 'none.json')), undefined);
  });

  it('a torn or hand-edited file is a ManifestError naming the file', async (t) => {
    const dir = await makeTempDir(t);
    const file = join(dir, 'm.json');
    await writeFile(file, '{"version": 1, "remoteRoot": "/x", "fi');
    await assert.rejects(loadManifest(file), (err: unknown) => err instanceof ManifestError && err.code === 'manifestInvalid' && err.file === file);
  });
});
