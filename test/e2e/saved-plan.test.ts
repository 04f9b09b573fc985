// Issue 15: a saved plan. `sync --dry-run --plan-out FILE` saves the plan with the marker and what the
// server held at every touched path; `apply FILE` applies exactly it, and refuses (exit 6, nothing
// written) once the marker or a touched file changed since.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { LEASE_NAME } from '../../src/core/reserved.js';
import { MARKER_NAME } from '../../src/core/marker.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { openAdapter } from '../helpers/open-adapter.js';
import { runCli } from '../helpers/run-cli.js';

const ROOT = '/gitlab';
type JsonReport = { mode: string; markerWritten: boolean; operations: Array<{ op: string; path: string; ok: boolean }> };
const opsOf = (stdout: string) => (JSON.parse(stdout) as JsonReport).operations.map((o) => `${o.op} ${o.path}`);

for (const generation of ['3.1', '3.3'] as const) {
  describe(`saved plans on ${generation}: apply FILE applies what was reviewed, or refuses`, () => {
    let emulator: Emulator;
    let repo: TestRepo;
    const cli = (args: string[]) => runCli(args, {
      cwd: repo.dir, env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir },
    });
    const remoteText = async (path: string) => {
      const found = [...(await emulator.snapshot())].find(([name]) => name.endsWith(`${ROOT}${path}`));
      return found?.[1].content?.toString('utf8');
    };
    const marker = async () => JSON.parse((await remoteText(`/${MARKER_NAME}`)) ?? 'null') as { commit: string } | null;
    /** Every file's content but the lease's (taken and given back by a refused apply). */
    const contents = async () => [...(await emulator.snapshot())].filter(([name]) => !name.endsWith(LEASE_NAME)).map(([name, e]) => `${name} ${e.content?.toString('base64') ?? ''}`).sort();

    before(async () => {
      emulator = await startEmulator({ generation });
      repo = await makeRepo({ 'a.sh': 'echo a\n', 'sql/b.sql': 'select 1;\n', 'gone.sh': 'echo gone\n' });
      // 3.1 replays a change on a synced root; 3.3 saves and applies a first sync (a full reconcile).
      if (generation === '3.3') return;
      const first = await cli(['sync']);
      assert.equal(first.code, 0, first.stderr);
    });
    after(async () => {
      await emulator?.stop();
      await repo?.cleanup();
    });

    test('plan-out then apply: the same operations, the remote equals the commit, the marker moves; applying it again is refused (3.1)', async () => {
      const head = await repo.commit({ 'a.sh': 'echo a2\n', 'new/c.sh': 'echo c\n', 'gone.sh': null }, 'change');
      emulator.clearRequests();
      const dry = await cli(['sync', '--dry-run', '--plan-out', 'plan.json', '--json']);
      assert.equal(dry.code, 0, dry.stderr);
      assert.equal(emulator.writeCount(), 0);
      const planText = await readFile(join(repo.dir, 'plan.json'), 'utf8');
      assert.ok(!planText.includes(emulator.token), 'no token in the plan file');
      const plan = JSON.parse(planText) as { version: number; to: string; server: string; remote: { touched: Record<string, unknown> } };
      assert.equal(plan.version, 1);
      assert.equal(plan.to, head);
      assert.equal(plan.server, emulator.url);
      const touched = generation === '3.1' ? ['a.sh', 'gone.sh', 'new', 'new/c.sh'] : ['a.sh', 'new', 'new/c.sh', 'sql', 'sql/b.sql'];
      assert.deepEqual(Object.keys(plan.remote.touched).sort(), touched);

      const applied = await cli(['apply', 'plan.json', '--json']);
      assert.equal(applied.code, 0, applied.stderr);
      assert.deepEqual(opsOf(applied.stdout), opsOf(dry.stdout));
      assert.equal((JSON.parse(applied.stdout) as JsonReport).markerWritten, true);
      assert.equal(await remoteText('/a.sh'), 'echo a2\n');
      assert.equal(await remoteText('/new/c.sh'), 'echo c\n');
      assert.equal(await remoteText('/gone.sh'), undefined);
      assert.equal((await marker())?.commit, head);
      if (generation === '3.3') return;

      const before = await contents();
      const again = await cli(['apply', 'plan.json']);
      assert.equal(again.code, 6, again.stderr);
      assert.match(again.stderr, /^error: the server changed since the plan was made: the marker was [0-9a-f]{12} \(synced .*\), now [0-9a-f]{12} \(synced .*\); nothing was written/m);
      assert.deepEqual(await contents(), before);
    });

    // The staleness check is the same code on every generation; 3.3 runs the plain round trip only.
    if (generation === '3.3') return;
    test('a touched file edited on the server after plan-out: apply refuses with exit 6, names it, writes nothing', async () => {
      await repo.commit({ 'sql/b.sql': 'select 2;\n' }, 'b');
      const dry = await cli(['sync', '--dry-run', '--plan-out', 'plan2.json']);
      assert.equal(dry.code, 0, dry.stderr);
      const center = openAdapter(generation, { baseUrl: emulator.url, auth: { token: emulator.token }, remoteRoot: ROOT, timeoutMs: 5000, retries: 0 });
      try {
        await center.connect();
        const bytes = Buffer.from('select 42; -- edited by hand\n');
        await center.update('sql/b.sql', { open: async () => Readable.from([bytes]), size: bytes.length });
      } finally {
        await center.close();
      }
      const before = await contents();
      emulator.clearRequests();
      const refused = await cli(['apply', 'plan2.json']);
      assert.equal(refused.code, 6, refused.stderr);
      assert.match(refused.stderr, /^error: the server changed since the plan was made: sql\/b\.sql: was 10 bytes.*, now 29 bytes/m);
      // The lease is the only write (taken and given back): nothing of the plan, no marker.
      assert.deepEqual(await contents(), before);
      assert.ok(emulator.writeCount() <= 2, `${emulator.writeCount()} writes`);
    });

    test('a plan file of another version is exit 2 with one line, before any request (the other mistakes: unit tests)', async () => {
      await writeFile(join(repo.dir, 'bad.json'), '{"format": "dolps-sync plan", "version": 9}');
      emulator.clearRequests();
      const bad = await cli(['apply', 'bad.json']);
      assert.equal(bad.code, 2);
      assert.equal(bad.stderr.trim(), 'error: bad.json: plan format version 9, this dolps-sync reads version 1; make the plan again with sync --dry-run --plan-out');
      assert.equal(emulator.requests.length, 0);
    });
  });
}
