// Drift through the built CLI (issue 12): a managed file edited on the server between two syncs is
// reported (note line, "drift" in --json, status) and backed up to log_dir before it is overwritten;
// --on-drift=fail exits 1 before any write request, the lease's own included.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { openAdapter } from '../helpers/open-adapter.js';
import { runCli } from '../helpers/run-cli.js';
import { remoteFiles } from '../helpers/trees.js';

const TOKEN = 'drift-token';
const ROOT = '/drift';

// The two generations run side by side (each has its own emulator and repository); within one, in order.
describe('drift', { concurrency: 2 }, () => {
  for (const generation of ['3.1', '3.3'] as const) {
    describe(`drift (DolphinScheduler ${generation})`, { concurrency: 1 }, () => {
      let emulator: Emulator;
      let repo: TestRepo;
      let logDir: string;
      const cli = (...args: string[]) => runCli(args, {
        cwd: repo.dir, env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: TOKEN, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir, DOLPS_LOG_DIR: logDir },
      });
      before(async () => {
        emulator = await startEmulator({ generation, tokens: [TOKEN] });
        logDir = await mkdtemp(join(tmpdir(), 'dolps-drift-log-'));
        repo = await makeRepo({ 'etl/load.sh': 'echo load\n', 'etl/old.sql': 'select 1;\n', 'other/keep.sh': 'echo keep\n' });
        const first = await cli('sync');
        assert.equal(first.code, 0, first.stderr);
        await repo.commit({ 'etl/load.sh': 'echo load, committed\n', 'etl/old.sql': null });
        // Someone edits load.sh in the UI (another size, so the one-second update time does not matter).
        const center = openAdapter(generation, { baseUrl: emulator.url, auth: { token: TOKEN }, remoteRoot: ROOT, timeoutMs: 5000, retries: 0 });
        const edited = Buffer.from('echo load, edited in the UI\n');
        try {
          await center.update('etl/load.sh', { open: async () => Readable.from([edited]), size: edited.length });
        } finally {
          await center.close();
        }
      });
      after(async () => {
        await emulator?.stop();
        await repo?.cleanup();
        if (logDir) await rm(logDir, { recursive: true, force: true });
      });

      test('--on-drift=fail: exit 1 naming the file, and not one write request', async () => {
        emulator.clearRequests();
        const run = await cli('sync', '--on-drift=fail');
        assert.equal(run.code, 1, run.stderr);
        assert.match(run.stderr, /error: 1 managed file was changed on the server since the last sync \(drift\): etl\/load\.sh; nothing was written/);
        assert.equal(emulator.writeCount(), 0, emulator.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`).join(', '));
      });

      test('status lists the drift', async () => {
        const run = await cli('status');
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /drift: 1 managed file changed on the server since the last sync.*\n {2}etl\/load\.sh\n/);
      });

      test('overwrite (default): reported in a note and in --json, backed up to log_dir, then replaced by the commit', async () => {
        const run = await cli('sync', '--json');
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stderr, /note: drift: etl\/load\.sh was changed on the server since the last sync/);
        const report = JSON.parse(run.stdout) as { drift: string[]; markerWritten: boolean };
        assert.deepEqual(report.drift, ['etl/load.sh']);
        assert.equal(report.markerWritten, true);
        const backup = /backed up in (\S+)/.exec(run.stderr)?.[1] ?? '';
        assert.equal(await readFile(join(backup, 'etl', 'load.sh'), 'utf8'), 'echo load, edited in the UI\n');
        assert.equal(await readFile(join(backup, 'etl', 'old.sql'), 'utf8'), 'select 1;\n', 'a deleted file is backed up as before');
        assert.equal((await remoteFiles(emulator, ROOT)).get('etl/load.sh')?.toString(), 'echo load, committed\n');
      });
    });
  }
});
