// Content identity in the marker (issue 12): `--full` of an unchanged root makes zero downloads; only a
// file whose server side moved since our write (size or update time) is downloaded and compared.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MARKER_NAME, parseMarker } from '../../src/core/marker.js';
import type { FileIdentity } from '../../src/core/file-identity.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { startMisbehavingProxy } from '../helpers/misbehaving-proxy.js';
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
    const syncVia = (url: string, ...args: string[]) => runCli(['sync', ...args], {
      cwd: repo.dir, env: { DOLPS_URL: url, DOLPS_TOKEN: TOKEN, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir },
    });
    const sync = (...args: string[]) => syncVia(emulator.url, ...args);
    /** The listings of the Resource Center (3.1: the tree and the paged directory listing; 3.3: the paged listing). */
    const isListing = (r: { method: string; path: string }) => r.method === 'GET' && (r.path === '/resources' || r.path === '/resources/list');
    /** The file identities the marker on the emulator records. */
    const identities = async (): Promise<Record<string, FileIdentity>> => {
      const found = [...(await emulator.snapshot())].find(([name]) => name.endsWith(`${ROOT}/${MARKER_NAME}`));
      const reading = parseMarker(found?.[1].content?.toString('utf8') ?? '');
      return 'marker' in reading ? reading.marker.contents ?? {} : {};
    };
    let firstSyncListedAfterWrites = 0;
    let fileIds = new Set<string>();
    /** Downloads of the synced files (3.1 by id, 3.3 by full name), not of the marker or the lease. */
    const downloads = () => emulator.requests.filter((r) => r.method === 'GET' && r.path.includes('download')
      && (fileIds.has(/\/resources\/(\d+)\/download/.exec(r.path)?.[1] ?? '') || decodeURIComponent(r.query).includes('.sql')));
    before(async () => {
      emulator = await startEmulator({ generation, tokens: [TOKEN] });
      repo = await makeRepo(FILES);
      const first = await sync();
      assert.equal(first.code, 0, first.stderr);
      const requests = emulator.requests;
      // The plan's writes start with the first write after the first listing (the lease and the root come before).
      const firstListing = requests.findIndex(isListing);
      const firstWrite = requests.findIndex((r, i) => i > firstListing && r.method !== 'GET');
      firstSyncListedAfterWrites = requests.slice(firstWrite).filter(isListing).length;
      // Updates keep a file's id on 3.1, so these stay the files' ids.
      fileIds = new Set([...(await remoteIds(emulator, ROOT))].filter(([p]) => p.endsWith('.sql')).map(([, id]) => String(id)));
      if (generation === '3.1') assert.equal(fileIds.size, 30);
    });
    after(async () => {
      await emulator?.stop();
      await repo?.cleanup();
    });

    test(generation === '3.1' ? 'a first sync stamps every file from its create\'s answer: no listing after the writes'
      : 'a first sync stamps the files from a listing after the writes (creates answer data: null)', async () => {
      if (generation === '3.1') assert.equal(firstSyncListedAfterWrites, 0);
      else assert.ok(firstSyncListedAfterWrites > 0);
      const recorded = await identities();
      assert.equal(Object.keys(recorded).length, 30);
      assert.ok(Object.values(recorded).every((identity) => (identity.fromAnswer === true) === (generation === '3.1')), JSON.stringify(recorded['dir0/f0.sql']));
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
      // Update times have one-second resolution, and an identity stamped from a write's answer accepts the next
      // second too (file-identity.ts sameServerFacts): edit at least two seconds after our write.
      await sleep(2100);
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

    test('a create whose answer was lost gets its identity from a listing of its directory; --full then downloads nothing', async () => {
      await repo.commit({ 'dir2/lost.sql': 'select 99;\n' });
      const proxy = await startMisbehavingProxy(emulator.url);
      try {
        proxy.addRule({ method: 'POST', path: /\/resources$/, bodyIncludes: 'filename="lost.sql"', loseAnswer: true, times: 1 });
        emulator.clearRequests();
        const run = await syncVia(proxy.url);
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(proxy.misbehaved, ['POST /dolphinscheduler/resources']);
      } finally {
        await proxy.close();
      }
      const recorded = (await identities())['dir2/lost.sql'];
      assert.equal(recorded?.size, 'select 99;\n'.length);
      assert.equal(recorded?.fromAnswer, undefined, 'stamped from a listing, not from an answer');
      // Only this file is looked at: dir1/f7.sql, repaired by the test before at the marker's commit, still has
      // its older identity (a run at the marker's commit does not rewrite the marker) and is downloaded to compare.
      const lostId = (await remoteIds(emulator, ROOT)).get('dir2/lost.sql');
      emulator.clearRequests();
      const full = await sync('--full');
      assert.equal(full.code, 0, full.stderr);
      const lostDownloads = emulator.requests.filter((r) => r.method === 'GET' && r.path.includes('download')
        && (r.path === `/resources/${lostId}/download` || decodeURIComponent(r.query).includes('lost.sql')));
      assert.deepEqual(lostDownloads, []);
    });
  });
}
