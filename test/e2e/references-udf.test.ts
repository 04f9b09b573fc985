// The reference guard beyond files (issue 14), through the built CLI against the emulator: a UDF
// function that an offline workflow's SQL task names in `udfs` is neither deleted nor left dangling by
// deleting its jar (3.1 and 3.2, where function ids are the same idea; the server checks no task);
// --references=warn applies with the report; an unused function and jar go as before. And watch
// --json carries `usedBy` on the delete the guard refused (3.1).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';
import { startWatchProcess, waitFor } from '../helpers/watch-process.js';

const ROOT = '/gitlab';
const FUNCTIONS = `functions:
  - name: to_upper
    class: com.acme.ToUpper
    jar: acme.jar
  - name: spare
    class: com.acme.Spare
    jar: spare.jar
`;
const USER = { project: 'dw', workflow: 'report', online: false, task: 'q', field: 'udf' };

for (const generation of ['3.1', '3.2'] as const) {
  describe(`reference guard for UDF functions, and in watch (DolphinScheduler ${generation})`, () => {
    let emulator: Emulator;
    let repo: TestRepo;
    const sync = (...args: string[]) => runCli(['sync', '--retries', '0', ...args], {
      cwd: repo.dir, env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir, DOLPS_UDF_DIR: 'udf' },
    });
    const functions = () => emulator.udfFunctions().map((f) => f.funcName).sort();
    const jars = async () => [...(await emulator.udfSnapshot())].filter(([, e]) => e.kind === 'file').map(([key]) => key.slice(key.lastIndexOf('/') + 1)).sort();
    before(async () => {
      emulator = await startEmulator({ generation });
      repo = await makeRepo({ 'a.sql': 'select 1;\n', 'udf/functions.yaml': FUNCTIONS, 'udf/acme.jar': 'PK-acme', 'udf/spare.jar': 'PK-spare' });
      const first = await sync();
      assert.equal(first.code, 0, first.stderr + first.stdout);
      // The SQL task names to_upper by its id (the emulator resolves the name in its t_ds_udfs).
      await emulator.seedWorkflows({ projects: [{ name: 'dw', workflows: [{ name: 'report', tasks: [{ name: 'q', type: 'SQL', udfs: ['to_upper'], params: { sql: 'select to_upper(a)' } }] }] }] });
      // functions.yaml declares nothing any more and both jars are gone from the folder.
      await repo.commit({ 'udf/functions.yaml': 'functions: []\n', 'udf/acme.jar': null, 'udf/spare.jar': null });
    });
    after(async () => {
      await emulator?.stop();
      await repo?.cleanup();
    });

    test('refused: the used function and its jar stay, naming project/workflow/task/field=udf; the unused ones go; warn applies', async () => {
      const upper = emulator.udfFunctions().find((f) => f.funcName === 'to_upper');
      const spareId = emulator.udfFunctions().find((f) => f.funcName === 'spare')?.id;
      // One refused run in --json: the report names the users of the function and of its jar.
      const refused = await sync('--json');
      assert.equal(refused.code, 1, refused.stderr + refused.stdout);
      const ops = (JSON.parse(refused.stdout) as { operations: Record<string, unknown>[] }).operations;
      const reason = 'refused, used by project dw, workflow report (offline), task q (udf)';
      const fix = 'change those tasks first, or run with --references=warn';
      assert.deepEqual(ops.find((o) => o.function === 'to_upper'), {
        op: 'func-refuse', function: 'to_upper', path: 'acme.jar', ok: false, refused: 'func-delete', usedBy: [USER],
        reason: `delete function to_upper (id ${upper?.id}): ${reason}; ${fix}`, error: `func-refuse to_upper: delete function to_upper (id ${upper?.id}): ${reason}; ${fix}`,
      });
      const jar = ops.find((o) => o.path === 'udf/acme.jar');
      assert.deepEqual([jar?.op, jar?.tree, jar?.refused, jar?.usedBy, jar?.reason],
        ['refuse', 'udf', 'delete', [USER], `delete UDF jar acme.jar: ${reason} (through its function to_upper, which goes with it); ${fix}`], 'the jar takes the function along');
      assert.deepEqual(ops.find((o) => o.function === 'spare'), { op: 'func-delete', function: 'spare', path: 'spare.jar', ok: true, id: spareId, usedBy: [] });
      assert.equal(ops.find((o) => o.path === 'udf/spare.jar')?.ok, true);
      assert.deepEqual(functions(), ['to_upper']);
      assert.deepEqual(await jars(), ['acme.jar']);

      const warned = await sync('--references=warn');
      assert.equal(warned.code, 0, warned.stderr + warned.stdout);
      assert.match(warned.stdout, /^func-delete to_upper \(acme\.jar\)\n +used by project dw, workflow report \(offline\), task q \(udf\)$/m);
      assert.deepEqual(functions(), []);
      assert.deepEqual(await jars(), []);
    });

    if (generation === '3.1') test('watch --json: the refused delete of a used file carries usedBy', async () => {
      const work = await mkdtemp(join(tmpdir(), 'dolps-refs-watch-'));
      const dir = join(work, 'w');
      await mkdir(dir);
      await writeFile(join(dir, 'used.sh'), 'echo used\n');
      // A second file stays: a watched directory left empty pauses watch before any plan (issue 11 case 2).
      await writeFile(join(dir, 'keep.sh'), 'echo keep\n');
      const env = { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/watched' };
      const watcher = await startWatchProcess([dir, '--state', join(work, 'state.json'), '--debounce', '100', '--json'], env);
      try {
        await waitFor(() => watcher.stdout().includes('"path":"used.sh"'), 15_000, () => watcher.stderr());
        await emulator.seedWorkflows({ projects: [{ name: 'ops', workflows: [{ name: 'nightly', tasks: [{ name: 'run', resources: ['/watched/used.sh'] }] }] }] });
        await rm(join(dir, 'used.sh'));
        await waitFor(() => watcher.stdout().includes('"op":"refuse"'), 15_000, () => watcher.stdout() + watcher.stderr());
        const line = JSON.parse(watcher.stdout().split('\n').find((l) => l.includes('"op":"refuse"')) ?? '{}') as Record<string, unknown>;
        assert.deepEqual([line.path, line.refused, line.ok, line.usedBy],
          ['used.sh', 'delete', false, [{ project: 'ops', workflow: 'nightly', online: false, task: 'run', field: 'resource list' }]]);
      } finally {
        await watcher.stop();
        await rm(work, { recursive: true, force: true });
      }
    });
  });
}
