// Issue 11, cases 6 and 13, one rule a test, in-process: an answer that does not prove what it says is
// never planned from nor counted (case 6), and a full reconcile rewrites a file the server lists but can
// no longer serve instead of stopping (case 13). The e2e twin is test/e2e/hardening-answers.test.ts.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createBackup } from '../../../src/app/backup.js';
import { gitBlobHasher } from '../../../src/app/content-id.js';
import type { DesiredTreeSource } from '../../../src/app/pipeline/desired.js';
import { remoteContentIds } from '../../../src/app/pipeline/remote-content.js';
import { runSync } from '../../../src/app/sync.js';
import type { FileRef } from '../../../src/core/change.js';
import { silentLogger } from '../../../src/core/logger.js';
import { MARKER_NAME } from '../../../src/core/marker.js';
import { RemoteError } from '../../../src/remote/errors.js';
import { flattenStorageTree, parsePage } from '../../../src/remote/storage-listing.js';
import { flattenTree } from '../../../src/remote/v31-index.js';
import { V31Ids } from '../../../src/remote/v31-ids.js';
import { contentUnreadable } from '../../../src/remote/write-protocol.js';
import { MemoryGit } from '../../fakes/memory-git.js';
import { MemoryResourceCenter } from '../../fakes/memory-resource-center.js';

const SETTINGS = { remoteRoot: '/gitlab', concurrency: 2, excludes: [], alwaysIgnored: [], toolVersion: 'test' };
const sync = (git: MemoryGit, center: MemoryResourceCenter, full = false) =>
  runSync({ to: 'HEAD', dryRun: false, full, prune: false }, SETTINGS, { git, center, clock: () => new Date(0), logger: silentLogger });

describe('case 6: answers that do not prove what they say', () => {
  test('a listing is only the shape its generation writes: [] is no page, a node without its directory flag is no node', () => {
    assert.equal(parsePage([]), undefined, '3.2/3.3 answer a PageInfo object, never an array');
    assert.equal(parsePage({ totalList: [] }), undefined, 'PageInfo always writes its total');
    assert.equal(parsePage({ totalList: [{ fullName: 'file:/r/a.sh', directory: false }], total: 0 }), undefined, 'more entries than its total');
    assert.equal(parsePage({ totalList: [{ fullName: 'file:/r/a.sh' }], total: 1 }), undefined, 'StorageEntity/ResourceItemVO always write directory');
    assert.deepEqual(parsePage({ totalList: [], total: 0 }), { items: [], total: 0 }, 'an empty directory is a valid page');
    assert.equal(flattenTree([{ id: 1, fullName: 'a.sh' }]), undefined, '3.1 ResourceComponent always writes dirctory');
    assert.equal(flattenStorageTree([{ fullName: 'file:/r/a.sh' }]), undefined);
    assert.deepEqual(flattenTree([]), new Map(), 'an empty 3.1 tree is valid: only the marker can prove it wrong');
  });

  test('a 3.0/3.1 create counts only when its answer carries the new resource', () => {
    const ids = new V31Ids(async () => undefined, silentLogger);
    assert.equal(ids.rememberCreated('/g/a.sh', 'file', null), false, '{code:0} without data');
    assert.equal(ids.rememberCreated('/g/a.sh', 'file', { id: 7, fullName: '/g/other.sh', directory: false }), false, 'another resource');
    assert.equal(ids.rememberCreated('/g/a.sh', 'file', { id: 7, fullName: '/g/a.sh', directory: true }), false, 'a directory');
    assert.equal(ids.index.get('/g/a.sh'), undefined, 'nothing remembered from an answer that proves nothing');
    assert.equal(ids.rememberCreated('/g/a.sh', 'file', { id: 7, fullName: '/g/a.sh', directory: false }), true);
    assert.equal(ids.index.get('/g/a.sh')?.id, 7);
  });

  test('a listing without the marker just read is refused before planning: no delete skipped as gone, the marker stays', async () => {
    const git = new MemoryGit();
    const first = git.commit({ 'a.sh': 'a\n', 'b.sh': 'b\n' });
    const center = new MemoryResourceCenter();
    await sync(git, center);
    git.commit({ 'a.sh': 'a\n' });
    const honest = center.list.bind(center);
    // A listing that says the root is empty, as a {code:0,data:[]} tree does.
    center.list = async (options) => ({ ...(await honest(options)), rootExists: false, entries: new Map() });
    const writes = center.writeLog().length;
    await assert.rejects(sync(git, center), (e: unknown) => e instanceof RemoteError && e.kind === 'protocol'
      && /does not show \.dolps-sync-state\.json, which the server has just served/.test(e.message));
    assert.equal(center.writeLog().length, writes, 'nothing written');
    assert.ok(center.files.has('b.sh'));
    assert.match(center.files.get(MARKER_NAME)?.toString() ?? '', new RegExp(first));
  });
});

describe('case 6 with issue 12: creates proven together, after they all went out', () => {
  test('a create answered success but not there fails the run: exit 1, the delete after it withheld, the marker stays', async () => {
    const git = new MemoryGit();
    const first = git.commit({ 'a.sh': 'a\n', 'old.sh': 'o\n' });
    const center = new MemoryResourceCenter();
    await sync(git, center);
    git.commit({ 'a.sh': 'a\n', 'c.sh': 'c\n', 'd.sh': 'd\n' });
    center.addFault({ op: 'create', path: 'c.sh', vanish: true });
    const report = await sync(git, center);
    const failed = report.results.filter((r) => !r.ok);
    assert.deepEqual(failed.map((r) => `${r.operation.op} ${r.operation.path}`), ['create c.sh', 'delete old.sh']);
    assert.match(failed[0]?.error ?? '', /create c\.sh: the server answered success, but the file is not there when read back; it is not counted as written \(the marker does not move\)/);
    assert.equal(failed[1]?.notAttempted, true, 'no deletes after a failed write, even one found out late');
    assert.ok(center.files.has('old.sh'));
    assert.equal(report.markerWritten, false);
    assert.match(center.files.get(MARKER_NAME)?.toString() ?? '', new RegExp(first));
    assert.deepEqual(center.confirmations, [['a.sh', 'old.sh'], ['c.sh', 'd.sh']], 'read back once a run, together, before the delete');
  });
});

describe('case 13: a file the server lists but cannot serve', () => {
  const file: FileRef = { path: 'a.sh', id: { kind: 'git-blob', hex: '0'.repeat(40) }, size: 2 };
  const source = { contentHasher: gitBlobHasher } as unknown as DesiredTreeSource;
  const noState = { managed: new Set<string>(), vouch: () => undefined };
  const compare = (center: MemoryResourceCenter) => remoteContentIds(new Map([['a.sh', file]]), {
    rootExists: true, entries: new Map([['a.sh', { path: 'a.sh', kind: 'file', size: 2 }]]), source: 'test',
  }, center, source, noState, 2);
  const refusing = (error: RemoteError) => {
    const center = new MemoryResourceCenter({ files: { 'a.sh': 'a\n' } });
    center.downloadTo = async () => { throw error; };
    return center;
  };
  const storageGone = () => contentUnreadable(new RemoteError('rejected', 'download', 'download /gitlab/a.sh: server code 10064', { dsCode: 10064 }));

  test('is compared as different, so a full reconcile rewrites it instead of stopping', async () => {
    assert.equal((await compare(refusing(storageGone()))).has('a.sh'), false, 'no id: the plan updates it');
    assert.equal((await compare(refusing(new RemoteError('notFound', 'download', 'gone')))).has('a.sh'), false);
  });

  test('any other failure (a timeout, a refusal that is not about the content) still stops the run', async () => {
    await assert.rejects(compare(refusing(new RemoteError('timeout', 'download', 'no answer'))), /no answer/);
    await assert.rejects(compare(refusing(new RemoteError('rejected', 'download', 'server code 10064', { dsCode: 10064 }))), /10064/,
      'unmarked: the adapter did not say the content is unreadable');
  });

  test('has nothing to back up: the backup leaves no file and lets the rewrite go on', async () => {
    const logDir = await mkdtemp(join(tmpdir(), 'dolps-backup-'));
    try {
      const backup = createBackup(logDir, 'run', refusing(storageGone()));
      await backup.save('a.sh');
      assert.deepEqual(await readdir(backup.directory), []);
      await assert.rejects(createBackup(logDir, 'run2', refusing(new RemoteError('timeout', 'download', 'no answer'))).save('a.sh'), /no answer/);
    } finally {
      await rm(logDir, { recursive: true, force: true });
    }
  });
});
