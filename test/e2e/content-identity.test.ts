// Content identity in the marker (issue 12): `--full` of an unchanged root makes zero downloads; only a
// file whose server side moved since our write (size or update time) is downloaded and compared.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { openAdapter } from '../helpers/open-adapter.js';
import { runCli } from '../helpers/run-cli.js';
import { remoteIds } from '../helpers/trees.js';

const TOKEN = 'identity-token';
const ROOT = '/ident';
const FILES = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`dir${i % 3}/f${i}.sql`, `select ${i};\n`]));

for (const generation of ['3.1', '3.3'] as const) {
  describe(`content identity in the marker (DolphinScheduler ${generation})`, () => {
    let emulator: Emulator;
    let repo: TestRepo;
    const sync = (...args: string[]) => runCli(['sync', ...args], {
      cwd: repo.dir, env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: TOKEN, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir },
    });
    let fileIds = new Set<string>();
    /** Downloads of the synced files (3.1 by id, 3.3 by full name), not of the marker or the lease. */
    const downloads = () => emulator.requests.filter((r) => r.method === 'GET' && r.path.includes('download')
      && (fileIds.has(/\/resources\/(\d+)\/download/.exec(r.path)?.[1] ?? '') || decodeURIComponent(r.query).includes('.sql')));
    before(async () => {
      emulator = await startEmulator({ generation, tokens: [TOKEN] });
      repo = await makeRepo(FILES);
      const first = await sync();
      assert.equal(first.code, 0, first.stderr);
      // Updates keep a file's id on 3.1, so these stay the files' ids.
      fileIds = new Set([...(await remoteIds(emulator, ROOT))].filter(([p]) => p.endsWith('.sql')).map(([, id]) => String(id)));
      if (generation === '3.1') assert.equal(fileIds.size, 30);
    });
    after(async () => {
      await emulator?.stop();
      await repo?.cleanup();
    });

    test('--full of an unchanged root downloads nothing (dry run and real run)', async () => {
      emulator.clearRequests();
      const dry = await sync('--full', '--dry-run');
      assert.equal(dry.code, 0, dry.stderr);
      assert.deepEqual(downloads().map((r) => r.path), []);
      const full = await sync('--full');
      assert.equal(full.code, 0, full.stderr);
      assert.deepEqual(downloads().map((r) => r.path), []);
    });

    test('a file replaced on the server with bytes of the same size is the only one downloaded, and is rewritten', async () => {
      // Update times have one-second resolution: edit in a later second than our write.
      await sleep(1100);
      const center = openAdapter(generation, { baseUrl: emulator.url, auth: { token: TOKEN }, remoteRoot: ROOT, timeoutMs: 5000, retries: 0 });
      const bytes = Buffer.from('select 7 ;\n'.slice(0, 'select 7;\n'.length));
      try {
        await center.update('dir1/f7.sql', { open: async () => Readable.from([bytes]), size: bytes.length });
      } finally {
        await center.close();
      }
      emulator.clearRequests();
      const full = await sync('--full');
      assert.equal(full.code, 0, full.stderr);
      // Only that file is downloaded: once by the plan made without the lease (a --full at the marker's
      // commit writes nothing when nothing moved), once more by the plan made under the lease to repair it.
      const paths = downloads().map((r) => `${r.path}?${decodeURIComponent(r.query)}`);
      assert.equal(paths.length, 2, paths.join(', '));
      assert.equal(new Set(paths).size, 1, `the same file both times: ${paths.join(', ')}`);
      assert.match(full.stdout, /update +dir1\/f7\.sql/);
    });
  });
}
