// Two syncs of the same remote root started at the same moment from two clones at different commits
// (issue 12): every time one applies and the other waits (or exits 4 naming the holder), the remote
// ends equal to the commit the marker names, and no lease is left behind. 3 rounds per generation
// here; scripts/lease-race.sh runs the 20-round loop of the issue. Real processes: two runs of one
// process would share a pid, which the lease's holder names.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { git, makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCliProcess as runCli, type CliResult } from '../helpers/run-cli.js';
import { localFiles, remoteFiles, sortedEntries } from '../helpers/trees.js';

const TOKEN = 'lease-race-token';
const ROOT = '/race';
const ROUNDS = Number(process.env['LEASE_RACE_ROUNDS'] ?? 3);

async function markerCommit(emulator: Emulator): Promise<string | undefined> {
  const marker = (await emulator.snapshot()).get(`${ROOT}/.dolps-sync-state.json`);
  return marker?.content ? (JSON.parse(marker.content.toString('utf8')) as { commit: string }).commit : undefined;
}

for (const generation of ['3.1', '3.3'] as const) {
  describe(`two syncs at the same moment (DolphinScheduler ${generation})`, () => {
    let emulator: Emulator;
    let a: TestRepo;
    let b: string;
    const sync = (dir: string): Promise<CliResult> => runCli(['sync', '--wait', '60'], {
      cwd: dir, env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: TOKEN, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: dir },
    });
    before(async () => {
      emulator = await startEmulator({ generation, tokens: [TOKEN] });
      a = await makeRepo({ 'shared.sql': 'start\n', 'common/readme.txt': 'both\n' });
      b = await mkdtemp(join(tmpdir(), 'dolps-clone-'));
      await git(b, ['clone', '--quiet', a.dir, '.']);
      for (const [key, value] of [['user.name', 'B'], ['user.email', 'b@example.com'], ['commit.gpgsign', 'false']]) await git(b, ['config', key ?? '', value ?? '']);
    });
    after(async () => {
      await emulator?.stop();
      await a?.cleanup();
      await rm(b, { recursive: true, force: true });
    });

    test(`${ROUNDS} rounds: one applies, the other waits (then applies or refuses to undo the newer commit) or exits 4 naming the holder; the remote equals the marker's commit`, async () => {
      let contended = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        const headA = await a.commit({ 'shared.sql': `A ${round}\n`, [`a/only-${round}.sh`]: `a ${round}\n` });
        await writeFile(join(b, 'shared.sql'), `B ${round}\n`);
        await writeFile(join(b, `b-only-${round}.txt`), `b ${round}\n`);
        await git(b, ['add', '--all']);
        await git(b, ['commit', '--quiet', '-m', `b ${round}`]);
        const headB = await git(b, ['rev-parse', 'HEAD']);
        const [ra, rb] = await Promise.all([sync(a.dir), sync(b)]);
        for (const r of [ra, rb]) {
          // Exit 5: it waited for the lease, then found the server holding the other clone's newer commit, which
          // its upstream has: it refuses to undo that work (issue 11 case 3) instead of overwriting it.
          assert.ok(r.code === 0 || r.code === 4 || r.code === 5, `round ${round}: exit ${r.code}\n${r.stderr}`);
          if (r.code === 4) assert.match(r.stderr, /^error: another run holds the lease on \/race: \S+@\S+ pid \d+ since \d{4}-/m);
          if (r.code === 5) assert.match(r.stderr, /^error: the server is ahead of this commit: .*pull first/m);
        }
        assert.ok(ra.code === 0 || rb.code === 0, `round ${round}: one run applied`);
        if ([ra, rb].some((r) => r.code === 4 || /waiting up to 60 s for the lease/.test(r.stderr))) contended++;
        const marker = await markerCommit(emulator);
        assert.ok(marker === headA || marker === headB, `round ${round}: the marker names one of the two commits`);
        const named = marker === headA ? a.dir : b;
        assert.deepEqual(sortedEntries(await remoteFiles(emulator, ROOT)), sortedEntries(await localFiles(named)), `round ${round}: remote = ${marker}`);
      }
      // The runs start together; the lease must have been contended in most rounds for this test to mean anything.
      assert.ok(contended >= Math.ceil(ROUNDS / 2), `contended in ${contended} of ${ROUNDS} rounds`);
    });
  });
}
