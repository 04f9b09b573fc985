// A run that fails part-way leaves the server and the marker so that the next run finishes the job;
// backups and the operation log go to log_dir; the token never appears anywhere.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';
import { localFiles, remoteFiles, sortedEntries } from '../helpers/trees.js';

const TOKEN = 'S3cr3t-Token-0f-Th1s-Test';
const ROOT = '/safe';

async function markerCommit(emulator: Emulator): Promise<string | undefined> {
  const marker = (await emulator.snapshot()).get(`${ROOT}/.dolps-sync-state.json`);
  return marker?.content ? (JSON.parse(marker.content.toString('utf8')) as { commit: string }).commit : undefined;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

for (const generation of ['3.0', '3.1', '3.2', '3.3'] as const) {
// Only 3.0/3.1 refuse to delete a resource an online workflow uses (20014); 3.2+ has no such check.
const inUseCheck = generation === '3.0' || generation === '3.1';
describe(`partial failures, backups and secrets (DolphinScheduler ${generation})`, () => {
  let emulator: Emulator;
  let repo: TestRepo;
  let logDir: string;
  const sync = (...args: string[]) => runCli(['sync', '--log-dir', logDir, '--retries', '0', ...args], {
    cwd: repo.dir,
    env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: TOKEN, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir },
  });
  before(async () => {
    emulator = await startEmulator({ generation, tokens: [TOKEN] });
    logDir = await mkdtemp(join(tmpdir(), 'dolps-log-'));
    repo = await makeRepo({ 'used.sh': 'used by a workflow\n', 'a.sql': 'a v1\n', 'b.sql': 'b v1\n' });
    const first = await sync();
    assert.equal(first.code, 0, first.stderr);
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
    await rm(logDir, { recursive: true, force: true });
  });

  if (inUseCheck) test('a delete the server refuses (20014, in use) fails that line only; the marker stays; the next run finishes', async () => {
    const synced = await markerCommit(emulator);
    await emulator.seedWorkflows({ projects: [{ name: 'uses', workflows: [{ name: 'w', online: true, tasks: [{ name: 't', resources: [`${ROOT}/used.sh`] }] }] }] });
    await repo.commit({ 'used.sh': null, 'a.sql': 'a v2\n', 'c.sql': 'c\n' });
    // --references=off: the server's own check, not dolps-sync's reference guard (test/e2e/references.test.ts).
    const result = await sync('--references=off');
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /FAILED +delete \/safe\/used\.sh: server code 20014/);
    assert.match(result.stdout, /update +a\.sql/);
    assert.match(result.stdout, /create +c\.sql/);
    assert.equal(await markerCommit(emulator), synced, 'the marker did not move');
    const remote = await remoteFiles(emulator, ROOT);
    assert.equal(remote.get('a.sql')?.toString(), 'a v2\n', 'the other operations applied');
    assert.ok(remote.has('used.sh'));

    await emulator.setWorkflowOnline('uses', 'w', false);
    const retry = await sync('--references=off');
    assert.equal(retry.code, 0, retry.stderr);
    assert.equal(await markerCommit(emulator), await repo.head());
    assert.deepEqual(sortedEntries(await remoteFiles(emulator, ROOT)), sortedEntries(await localFiles(repo.dir)));
  });

  test('after a failed write no delete is made; the next run retries both', async () => {
    await repo.commit({ 'new.sql': 'new\n', 'b.sql': null });
    // The first POST is the lease's create (3.0/3.1) or its directory check; the file's create comes after it.
    emulator.addFault({ method: 'POST', pathPrefix: '/resources', status: 500, times: 1, skip: 1 });
    const result = await sync();
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /FAILED +create (file:\S*)?\/safe\/new\.sql: unexpected HTTP 500/);
    assert.match(result.stdout, /WITHHELD +delete b\.sql: not deleted because an earlier write failed/);
    assert.match(result.stdout, /incomplete: .* 1 failed .*the marker did not move; the next run retries/);
    assert.ok((await remoteFiles(emulator, ROOT)).has('b.sql'), 'b.sql is still there');
    const retry = await sync();
    assert.equal(retry.code, 0, retry.stderr);
    assert.deepEqual(sortedEntries(await remoteFiles(emulator, ROOT)), sortedEntries(await localFiles(repo.dir)));
  });

  test('log_dir holds the previous content of overwritten and deleted files, and the operation log', async () => {
    const backups = (await filesUnder(join(logDir, 'backup'))).map((f) => f.slice(logDir.length));
    if (!inUseCheck) assert.ok(backups.length > 0);
    assert.ok(backups.some((f) => f.endsWith('/b.sql')), 'b.sql backed up before its delete');
    if (inUseCheck) {
      assert.ok(backups.some((f) => f.endsWith('/a.sql')), `a.sql backed up: ${backups.join(', ')}`);
      const aBackups = await Promise.all(backups.filter((f) => f.endsWith('/a.sql')).map((f) => readFile(join(logDir, f), 'utf8')));
      assert.ok(aBackups.includes('a v1\n'), `the content before the first overwrite was saved: ${JSON.stringify(aBackups)}`);
    }
    const log = await readFile(join(logDir, 'dolps-sync.log'), 'utf8');
    if (inUseCheck) assert.match(log, /delete used\.sh FAILED .*20014/);
    assert.match(log, /delete b\.sql ok/);
  });

  test('the token appears in no output and no file under log_dir', async () => {
    await repo.commit({ 'd.sql': 'd\n' });
    const outputs = [await sync('--verbose'), await sync('--json'), await sync('--dry-run', '--full')];
    for (const { stdout, stderr } of outputs) assert.ok(!`${stdout}${stderr}`.includes(TOKEN), 'token printed');
    assert.match(outputs[0]?.stderr ?? '', /token = \*\*\*/, '--verbose says the token is set without showing it');
    for (const file of await filesUnder(logDir)) {
      assert.ok(!(await readFile(file)).toString('latin1').includes(TOKEN), `token in ${file}`);
    }
  });
});
}
