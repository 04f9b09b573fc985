// Drift in watch mode (issue 12) as a real `dolps-sync watch` process against the emulator (3.1): a file
// edited in the UI while watch runs is said and backed up to log_dir when the next local edit overwrites
// it; `watch --on-drift fail` is refused before any request.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { openAdapter } from '../helpers/open-adapter.js';
import { runCli } from '../helpers/run-cli.js';
import { remoteFiles } from '../helpers/trees.js';
import { startWatchProcess, waitFor, type WatchProcess } from '../helpers/watch-process.js';

const TOKEN = 'watch-drift-token';
const ROOT = '/watched-drift';

describe('dolps-sync watch: drift', () => {
  let emulator: Emulator;
  let work: string;
  let dir: string;
  let logDir: string;
  let watcher: WatchProcess;
  const env = () => ({ DOLPS_URL: emulator.url, DOLPS_TOKEN: TOKEN, DOLPS_REMOTE_DIR: ROOT });
  const remote = async (path: string) => (await remoteFiles(emulator, ROOT)).get(path)?.toString('utf8');
  const driftLines = () => watcher.stderr().split('\n').filter((l) => / warning: drift: .* was changed on the server since the last sync$/.test(l));

  before(async () => {
    emulator = await startEmulator({ generation: '3.1', tokens: [TOKEN] });
    work = await mkdtemp(join(tmpdir(), 'dolps-watch-drift-'));
    dir = join(work, 'resources');
    logDir = join(work, 'log');
    await mkdir(join(dir, 'etl'), { recursive: true });
    await writeFile(join(dir, 'etl', 'load.sh'), 'echo load\n');
    await writeFile(join(dir, 'keep.sh'), 'echo keep\n');
    watcher = await startWatchProcess([dir, '--state', join(work, 'state.json'), '--debounce', '200', '--log-dir', logDir], env());
    await waitFor(async () => (await remote('etl/load.sh')) === 'echo load\n', 15_000, () => watcher.stderr());
  });
  after(async () => {
    await watcher?.stop().catch(() => undefined);
    await emulator?.stop();
    await rm(work, { recursive: true, force: true });
  });

  test('a file edited in the UI, then locally: a warning names it, the UI version is in log_dir/backup, the local one on the server', async () => {
    // Someone edits load.sh in the UI (another size, so the one-second update time does not matter).
    const center = openAdapter('3.1', { baseUrl: emulator.url, auth: { token: TOKEN }, remoteRoot: ROOT, timeoutMs: 5000, retries: 0 });
    const edited = Buffer.from('echo load, edited in the UI\n');
    try {
      await center.update('etl/load.sh', { open: async () => Readable.from([edited]), size: edited.length });
    } finally {
      await center.close();
    }
    await writeFile(join(dir, 'etl', 'load.sh'), 'echo load, edited locally\n');
    await waitFor(async () => (await remote('etl/load.sh')) === 'echo load, edited locally\n', 15_000, () => watcher.stderr());
    await waitFor(() => driftLines().length > 0, 5_000, () => watcher.stderr());
    assert.deepEqual(driftLines().map((l) => l.replace(/^\S+ /, '')), ['warning: drift: etl/load.sh was changed on the server since the last sync']);
    const runs = await readdir(join(logDir, 'backup'));
    const backups = await Promise.all(runs.map((run) => readFile(join(logDir, 'backup', run, 'etl', 'load.sh'), 'utf8').catch(() => '')));
    assert.ok(backups.includes('echo load, edited in the UI\n'), JSON.stringify(backups));
  });

  test('a later local edit of a file no one touched on the server is not drift', async () => {
    await writeFile(join(dir, 'etl', 'load.sh'), 'echo load, edited locally again\n');
    await writeFile(join(dir, 'keep.sh'), 'echo keep, edited locally\n');
    await waitFor(async () => (await remote('keep.sh')) === 'echo keep, edited locally\n' && (await remote('etl/load.sh')) === 'echo load, edited locally again\n',
      15_000, () => watcher.stderr());
    assert.equal(driftLines().length, 1, watcher.stderr());
  });

  test('watch --on-drift fail: exit 2 before any request', async () => {
    assert.equal(await watcher.stop(), 0, 'the running watcher is stopped first: its lease release must not count');
    emulator.clearRequests();
    const run = await runCli(['watch', dir, '--on-drift', 'fail', '--state', join(work, 'other-state.json')], { env: env() });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /watch never stops on drift/);
    assert.equal(emulator.requests.length, 0, emulator.requests.map((r) => `${r.method} ${r.path}`).join(', '));
  });
});
