// UDF jars and functions as code (issue 13), through the built CLI against the emulator: one
// emulator and one repository per generation, a history of commits synced in sequence. The remote
// UDF tree, t_ds_udfs (ids included) and the request log are asserted after each step.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';
import { remoteFiles } from '../helpers/trees.js';
import { generationEntry } from '../../src/remote/generations.js';
import { createHttp } from '../../src/remote/http.js';
import { udfTreeHttp } from '../../src/remote/udf-tree-http.js';
import { loggerFrom } from '../../src/core/logger.js';

const ROOT = '/gitlab';

const FUNCTIONS = (extra = '') => `functions:
  - name: to_upper
    class: com.acme.hive.ToUpper
    jar: acme-udfs.jar
    args: string
    database: dw
    description: Upper-case a string
  - name: spark_len
    class: com.acme.spark.Len
    jar: lib/v2.jar
    type: SPARK
${extra}`;

const FIRST = {
  'sql/report.sql': 'select to_upper(name) from t;\n',
  'udf/functions.yaml': FUNCTIONS(),
  'udf/acme-udfs.jar': 'PK-acme-1',
  'udf/lib/v2.jar': 'PK-v2',
};

interface Context { emulator: Emulator; repo: TestRepo }

/** One emulator of the generation and one repository at FIRST for the describe block it is called in. */
function emulatorAndRepo(generation: '3.0' | '3.1' | '3.2' | '3.3'): Context {
  const ctx = {} as Context;
  before(async () => {
    ctx.emulator = await startEmulator({ generation });
    ctx.repo = await makeRepo(FIRST);
  });
  after(async () => {
    await ctx.emulator?.stop();
    await ctx.repo?.cleanup();
  });
  return ctx;
}

function cli(ctx: Context, command = 'sync') {
  return (...args: string[]) => runCli([command, ...args], {
    cwd: ctx.repo.dir,
    env: { DOLPS_URL: ctx.emulator.url, DOLPS_TOKEN: ctx.emulator.token, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: ctx.repo.dir, DOLPS_UDF_DIR: 'udf' },
  });
}

/** The UDF tree's jars under the UDF remote dir, by path relative to it, with their ids. */
async function udfJars(emulator: Emulator): Promise<Map<string, { id: number; content: string }>> {
  const out = new Map<string, { id: number; content: string }>();
  for (const [key, entry] of await emulator.udfSnapshot()) {
    const at = key.indexOf('gitlab/');
    if (entry.kind === 'file' && at >= 0) out.set(key.slice(at + 'gitlab/'.length), { id: entry.id, content: entry.content?.toString() ?? '' });
  }
  return out;
}

/** A jar uploaded by hand (as in the UI) into the UDF remote dir. */
async function uploadByHand(emulator: Emulator, generation: '3.0' | '3.1' | '3.2', path: string, content: string): Promise<void> {
  const logger = loggerFrom(() => undefined);
  const http = createHttp({ baseUrl: emulator.url, auth: { token: emulator.token }, timeoutMs: 5000, retries: 0, logger });
  try {
    const tree = generationEntry(generation).open({ http: udfTreeHttp(http), remoteRoot: ROOT, retries: 0, logger });
    await tree.connect();
    await tree.create(path, { open: async () => Readable.from([Buffer.from(content)]), size: content.length });
  } finally {
    http.close();
  }
}

const fn = (emulator: Emulator, name: string) => emulator.udfFunctions().find((f) => f.funcName === name);

for (const generation of ['3.1', '3.2'] as const) {
  describe(`UDF jars and functions on DolphinScheduler ${generation}`, () => {
    const ctx = emulatorAndRepo(generation);

    test('create, repeat, dry run, update in place, new jar version, rebind, delete, refuse and adopt, bad file', async () => {
      const sync = cli(ctx);
      const { emulator, repo } = ctx;
      const doctor = await cli(ctx, 'doctor')();
      assert.match(doctor.stdout, /^ok +UDF functions: udf\/ \(functions\.yaml\) → UDF tree \/gitlab; the server has UDF management \(0 functions visible\)$/m, doctor.stdout);
      let result = await sync();
      assert.equal(result.code, 0, result.stderr + result.stdout);
      assert.deepEqual([...(await udfJars(emulator)).keys()].sort(), ['acme-udfs.jar', 'lib/v2.jar']);
      assert.deepEqual([...(await remoteFiles(emulator, ROOT)).keys()], ['sql/report.sql'], 'the UDF folder stays out of the file tree');
      const upper = fn(emulator, 'to_upper');
      assert.deepEqual([upper?.className, upper?.type, upper?.argTypes, upper?.database, upper?.description],
        ['com.acme.hive.ToUpper', 'HIVE', 'string', 'dw', 'Upper-case a string']);
      assert.ok(upper?.resourceName.endsWith('/gitlab/acme-udfs.jar'), upper?.resourceName);
      assert.equal(fn(emulator, 'spark_len')?.type, 'SPARK');
      assert.match(result.stdout, /^func-create to_upper \(com\.acme\.hive\.ToUpper, acme-udfs\.jar\)$/m);
      assert.match(result.stdout, /^create +udf\/acme-udfs\.jar$/m);
      assert.match(result.stdout, /3 files created.*2 functions created/);

      // A jar uploaded by hand into the UDF remote dir is not dolps-sync's: a full reconcile keeps it.
      await uploadByHand(emulator, generation, 'by-hand.jar', 'PK-by-hand');
      emulator.clearRequests();
      result = await sync('--full');
      assert.equal(result.code, 0, result.stderr);
      assert.equal(emulator.writeCount(), 0, `a second sync makes zero writes:\n${result.stdout}`);
      assert.equal((await udfJars(emulator)).get('by-hand.jar')?.content, 'PK-by-hand');
      assert.match(result.stderr, /udf\/: 1 jar\(s\) in the UDF remote dir were not put there by dolps-sync and were kept \(by-hand\.jar\)/);

      // A field change: dry run first (lists it, writes nothing), then in place with the same id.
      await repo.commit({ 'udf/functions.yaml': FUNCTIONS().replace('Upper-case a string', 'Upper-case text') });
      emulator.clearRequests();
      result = await sync('--dry-run');
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^func-update to_upper \(description; com\.acme\.hive\.ToUpper, acme-udfs\.jar\)$/m);
      assert.equal(emulator.writeCount(), 0);
      result = await sync('--json');
      assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(result.stdout) as { operations: Array<Record<string, unknown>>; summary: { functions: unknown } };
      assert.deepEqual(report.operations.filter((o) => 'function' in o).map((o) => [o.op, o.function, o.path]), [['func-update', 'to_upper', 'acme-udfs.jar']]);
      assert.deepEqual(report.summary.functions, { created: 0, updated: 1, deleted: 0 });
      assert.deepEqual([fn(emulator, 'to_upper')?.id, fn(emulator, 'to_upper')?.description], [upper?.id, 'Upper-case text']);

      // A new jar version at the same path: updated in place; on 3.1 the jar keeps its id and the functions their binding.
      const jarsBefore = await udfJars(emulator);
      await repo.commit({ 'udf/acme-udfs.jar': 'PK-acme-2-longer' });
      result = await sync();
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^update +udf\/acme-udfs\.jar$/m);
      assert.doesNotMatch(result.stdout, /func-/);
      const jarsAfter = await udfJars(emulator);
      assert.equal(jarsAfter.get('acme-udfs.jar')?.content, 'PK-acme-2-longer');
      if (generation === '3.1') assert.equal(jarsAfter.get('acme-udfs.jar')?.id, jarsBefore.get('acme-udfs.jar')?.id);
      assert.equal(fn(emulator, 'to_upper')?.id, upper?.id);

      // A jar renamed in git: uploaded at the new path, its function rebound (same id), the old jar gone.
      const spark = fn(emulator, 'spark_len');
      await repo.rename('udf/lib/v2.jar', 'udf/lib/v3.jar');
      await repo.commit({ 'udf/functions.yaml': FUNCTIONS().replace('lib/v2.jar', 'lib/v3.jar').replace('Upper-case a string', 'Upper-case text') });
      result = await sync();
      assert.equal(result.code, 0, result.stderr + result.stdout);
      assert.deepEqual([...(await udfJars(emulator)).keys()].sort(), ['acme-udfs.jar', 'by-hand.jar', 'lib/v3.jar']);
      assert.equal(fn(emulator, 'spark_len')?.id, spark?.id);
      assert.ok(fn(emulator, 'spark_len')?.resourceName.endsWith('/gitlab/lib/v3.jar'), fn(emulator, 'spark_len')?.resourceName);

      // The jar and its function removed: the function goes first, then the jar.
      await repo.commit({ 'udf/lib/v3.jar': null, 'udf/functions.yaml': FUNCTIONS().slice(0, FUNCTIONS().indexOf('  - name: spark_len')).replace('Upper-case a string', 'Upper-case text') });
      result = await sync();
      assert.equal(result.code, 0, result.stderr + result.stdout);
      assert.match(result.stdout, /^func-delete spark_len \(lib\/v3\.jar\)\ndelete +udf\/lib\/v3\.jar$/m);
      assert.deepEqual(emulator.udfFunctions().map((f) => f.funcName), ['to_upper']);
      assert.deepEqual([...(await udfJars(emulator)).keys()].sort(), ['acme-udfs.jar', 'by-hand.jar'], 'the managed jar goes, the one made by hand stays');

      // A function of a declared name made by hand: refused (nothing changes), then taken over with adopt.
      await emulator.seedUdfFunction({ funcName: 'to_lower', className: 'Manual', jar: '/gitlab/acme-udfs.jar' });
      const lower = `  - name: to_lower\n    class: com.acme.hive.ToLower\n    jar: acme-udfs.jar\n`;
      const kept = FUNCTIONS().slice(0, FUNCTIONS().indexOf('  - name: spark_len')).replace('Upper-case a string', 'Upper-case text');
      await repo.commit({ 'udf/functions.yaml': kept + lower });
      result = await sync();
      assert.equal(result.code, 1, result.stdout);
      assert.match(result.stdout, /func-refuse to_lower: a function named to_lower \(id \d+\) exists on the server and dolps-sync did not create it/);
      assert.equal(fn(emulator, 'to_lower')?.className, 'Manual');
      await repo.commit({ 'udf/functions.yaml': `${kept}${lower}    adopt: true\n` });
      result = await sync();
      assert.equal(result.code, 0, result.stderr + result.stdout);
      assert.equal(fn(emulator, 'to_lower')?.className, 'com.acme.hive.ToLower');

      // A bad functions.yaml: exit 2 before any write, naming file, line and key.
      await repo.commit({ 'udf/functions.yaml': kept.replace('    class:', '    clas:'), 'sql/report.sql': 'select 2;\n' });
      emulator.clearRequests();
      result = await sync();
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /udf\/functions\.yaml:3 functions\[0\]\.clas: unknown key; did you mean "class"\?/);
      assert.equal(emulator.writeCount(), 0);
    });
  });
}

// Where 3.0 differs from 3.1 for the UDF tree: a directory delete is recursive there (3.1 refuses a
// non-empty one with 20018; ResourcesServiceImpl.delete, 3.0.6). The function endpoints are the same
// (UdfFuncServiceImpl, 3.0.6 and 3.1.9; the contract suite runs them on 3.0).
describe('UDF jars on DolphinScheduler 3.0: a jar made by hand beside a managed one', () => {
  const ctx = emulatorAndRepo('3.0');

  test('the managed jar and its function go; the folder stays, with the hand-made jar in it', async () => {
    const { emulator, repo } = ctx;
    let result = await cli(ctx)();
    assert.equal(result.code, 0, result.stderr + result.stdout);
    await uploadByHand(emulator, '3.0', 'lib/by-hand.jar', 'PK-by-hand');
    await repo.commit({ 'udf/lib/v2.jar': null, 'udf/functions.yaml': FUNCTIONS().slice(0, FUNCTIONS().indexOf('  - name: spark_len')) });
    result = await cli(ctx)();
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.match(result.stdout, /^func-delete spark_len \(lib\/v2\.jar\)\ndelete +udf\/lib\/v2\.jar$/m);
    assert.doesNotMatch(result.stdout, /rmdir/, 'no recursive delete of lib/ on 3.0');
    assert.deepEqual([...(await udfJars(emulator)).keys()].sort(), ['acme-udfs.jar', 'lib/by-hand.jar']);
  });
});

describe('UDF folder on DolphinScheduler 3.3 (no UDF management)', () => {
  const ctx = emulatorAndRepo('3.3');

  test('jars go to the file tree, functions are skipped with the reason and the statement to use, exit 0', async () => {
    const result = await cli(ctx)();
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.deepEqual([...(await remoteFiles(ctx.emulator, ROOT)).keys()].sort(), ['sql/report.sql', 'udf/acme-udfs.jar', 'udf/lib/v2.jar']);
    const doctor = await cli(ctx, 'doctor')();
    assert.match(doctor.stdout, /^ok +UDF functions: udf\/ \(functions\.yaml\): DolphinScheduler 3\.3 removed UDF management; its jars go to the file tree/m, doctor.stdout);
    assert.match(result.stdout, /^skip +function to_upper \(acme-udfs\.jar\): DolphinScheduler 3\.3 removed UDF management; in the SQL task's pre-statements use: CREATE TEMPORARY FUNCTION to_upper AS 'com\.acme\.hive\.ToUpper' USING JAR '\S*\/gitlab\/udf\/acme-udfs\.jar'$/m);
  });
});
