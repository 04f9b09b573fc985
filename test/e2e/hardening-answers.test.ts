// Issue 11, the cases about what the server answers: answers that lie (6, through the misbehaving proxy) and
// a full reconcile that meets a file the server lists but cannot serve (13). Each through the built CLI
// against the emulator, on 3.1 and 3.3, named after its case. Case 16 (streaming) is pinned by unit tests
// (test/unit/app/streaming.test.ts) and measured by `npm run bench` figure (d).
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { LEASE_NAME } from '../../src/core/reserved.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { startMisbehavingProxy, type MisbehavingProxy, type ProxyRule } from '../helpers/misbehaving-proxy.js';
import { openAdapter } from '../helpers/open-adapter.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { remoteFiles } from '../helpers/trees.js';

const TOKEN = 'Answers-T0ken-3d9f';
const MARKER = '.dolps-sync-state.json';

for (const generation of ['3.1', '3.3'] as const) {
describe(`answers that lie, and repair, issue 11 (DolphinScheduler ${generation})`, () => {
  let emulator: Emulator;
  let top: string;
  let storageDir: string;
  const repos: TestRepo[] = [];
  const proxies: MisbehavingProxy[] = [];
  const sync = (repo: TestRepo, root: string, url = emulator.url, ...args: string[]): Promise<CliResult> => runCli(['sync', '--retries', '0', ...args], {
    cwd: repo.dir, env: { DOLPS_URL: url, DOLPS_TOKEN: TOKEN, DOLPS_REMOTE_DIR: root, DOLPS_LOCAL_DIR: repo.dir },
  });
  const newRepo = async (files: Record<string, string>) => {
    const repo = await makeRepo(files);
    repos.push(repo);
    return repo;
  };
  const proxyWith = async (rule: ProxyRule) => {
    const proxy = await startMisbehavingProxy(emulator.url);
    proxies.push(proxy);
    proxy.addRule(rule);
    return proxy;
  };
  // A run stopped by a lying listing cannot release its lease either (the release reads the listing too).
  const names = async (root: string) => [...(await remoteFiles(emulator, root)).keys()].filter((p) => p !== LEASE_NAME).sort();
  const markerCommit = async (root: string) => {
    const entry = (await emulator.snapshot()).get(`${root}/${MARKER}`);
    return entry?.kind === 'file' && entry.content ? (JSON.parse(entry.content.toString('utf8')) as { commit: string }).commit : undefined;
  };

  before(async () => {
    top = await mkdtemp(join(tmpdir(), 'dolps-answers-'));
    storageDir = join(top, 'storage');
    emulator = await startEmulator({ generation, tokens: [TOKEN], storageDir });
  });
  after(async () => {
    for (const proxy of proxies) await proxy.close();
    await emulator?.stop();
    for (const repo of repos) await repo.cleanup();
    await rm(top, { recursive: true, force: true });
  });

  test('case 6: a listing answered {code:0,data:[]} stops the run (exit 3): no delete is skipped as "already gone", the file stays, the marker does not move', async () => {
    const repo = await newRepo({ 'a.sql': 'a\n', 'b.sql': 'b\n' });
    assert.equal((await sync(repo, '/c6l')).code, 0);
    const synced = await repo.head();
    await repo.commit({ 'b.sql': null });
    // 3.1 lists the whole tree (GET /resources/list, where [] is a valid empty tree: the marker just read
    // proves it wrong); 3.3 lists one directory a page at a time (GET /resources: a PageInfo, never an array).
    const listing = generation === '3.1' ? /\/resources\/list$/ : /\/resources$/;
    const proxy = await proxyWith({ method: 'GET', path: listing, rewriteJson: () => ({ code: 0, msg: 'success', data: [] }) });
    const lied = await sync(repo, '/c6l', proxy.url);
    assert.equal(lied.code, 3, lied.stdout + lied.stderr);
    assert.ok(proxy.misbehaved.length > 0);
    assert.match(lied.stderr, generation === '3.1' ? /does not show \.dolps-sync-state\.json, which the server has just served/ : /has an unexpected shape/);
    assert.deepEqual(await names('/c6l'), ['a.sql', 'b.sql'], 'b.sql is still there: its delete was not counted as done');
    assert.equal(await markerCommit('/c6l'), synced, 'the marker did not move');
  });

  test('case 6: a create answered {code:0} without the file is not counted as created: exit 1 names it, the marker does not move', async () => {
    const repo = await newRepo({ 'a.sql': 'a\n' });
    assert.equal((await sync(repo, '/c6c')).code, 0);
    const synced = await repo.head();
    await repo.commit({ 'c.sql': 'c\n' });
    // Never forwarded: the server never sees the upload, the client is told it succeeded (3.1 answers the new
    // resource, so its absence shows; 3.3 answers data: null anyway, so only the read-back can tell).
    const proxy = await proxyWith({ method: 'POST', path: /\/resources$/, bodyIncludes: 'c.sql', answerJson: { code: 0, msg: 'success' }, times: 1 });
    const lied = await sync(repo, '/c6c', proxy.url);
    assert.deepEqual(proxy.misbehaved, ['POST /dolphinscheduler/resources']);
    assert.equal(lied.code, 1, lied.stdout + lied.stderr);
    assert.match(lied.stdout + lied.stderr, /create \S*c\.sql: the server answered success, but the file is not there/);
    assert.deepEqual(await names('/c6c'), ['a.sql']);
    assert.equal(await markerCommit('/c6c'), synced, 'the marker did not move: the next run retries the create');
  });

  test('case 13: a full reconcile rewrites a file the server lists but cannot serve (storage file gone) instead of aborting', async () => {
    const content = 'select 13;\n';
    const repo = await newRepo({ 'a.sql': content });
    // Put there by hand, with the same size, and no marker: the full reconcile must download it to compare.
    const center = openAdapter(generation, { baseUrl: emulator.url, auth: { token: TOKEN }, remoteRoot: '/c13', timeoutMs: 5000, retries: 0 });
    try {
      await center.mkdir('');
      await center.create('a.sql', { open: async () => Readable.from([Buffer.from(content)]), size: content.length });
    } finally {
      await center.close();
    }
    let url = emulator.url;
    if (generation === '3.1') {
      // The row stays, its storage file is gone: the download answers 10064, the in-place update 20004.
      await rm(await storageFileOf('c13/a.sql'));
    } else {
      // 3.3 lists storage itself, so a listed file that cannot be read is a storage failure on download.
      const failed = { code: 10000, msg: 'Internal Server Error: Download the resource file: c13/a.sql failed', data: null };
      url = (await proxyWith({ method: 'GET', path: /\/resources\/download$/, query: /c13\/a\.sql/, answerJson: failed, times: 1 })).url;
    }
    const result = await sync(repo, '/c13', url, '--log-dir', join(top, 'logs'));
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /update\s+a\.sql/);
    assert.equal((await remoteFiles(emulator, '/c13')).get('a.sql')?.toString(), content, 'the file is whole again');
    assert.equal(await markerCommit('/c13'), await repo.head());
  });

  async function storageFileOf(suffix: string): Promise<string> {
    const found = (await readdir(storageDir, { recursive: true })).find((path) => path.endsWith(suffix));
    assert.ok(found, `no storage file ending in ${suffix}`);
    return join(storageDir, found);
  }
});
}
