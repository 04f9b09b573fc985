// functions.yaml → planner → client → applier, against the emulator of 3.0, 3.1 and 3.2 (issue 13):
// what a sync of UDF functions does once the integrator wires it in, with the jars already in the
// UDF tree. Asserted on the emulator's t_ds_udfs and request log.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { nextManagedFunctions } from '../../src/core/marker.js';
import { UDF_SUPPORT_V30_V31, UDF_SUPPORT_V32, type ManagedFunction } from '../../src/core/udf-function.js';
import { planFunctions, type FunctionPlan } from '../../src/core/udf-plan.js';
import { startEmulator } from '../../src/emulator/index.js';
import { createHttp } from '../../src/remote/http.js';
import { createUdfFunctionsClient, type UdfFunctionsClient } from '../../src/remote/udf-functions.js';
import {
  applyFunctionOperation, appliedFunctions, fullNameResolver, resourceIdResolver, summarizeFunctions, type FunctionResult, type JarResolver,
} from '../../src/udf/apply-functions.js';
import { readFunctionsFile } from '../../src/udf/functions-file.js';
import { Api } from '../emulator/support.js';
import { UdfCallsV31, UdfCallsV32 } from '../emulator/udf-support.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Generation = '3.0' | '3.1' | '3.2';
const UDF_ROOT_V32 = 'file:/dolphinscheduler/default/udfs';

interface Sync {
  emu: Emulator;
  /** Plans functions.yaml against the server and applies it; the managed set carries over like the marker's. */
  run(yaml: string): Promise<{ plan: FunctionPlan; results: FunctionResult[] }>;
}

async function setup(t: TestContext, generation: Generation): Promise<Sync> {
  const emu = await startEmulator({ generation });
  const http = createHttp({ baseUrl: emu.url, auth: { token: emu.token }, timeoutMs: 5000, retries: 0 });
  t.after(async () => {
    http.close();
    await emu.stop();
  });
  const api = new Api(emu.url, { token: emu.token });
  const byId = new Map<number, string>();
  let resolve: JarResolver;
  let client: UdfFunctionsClient;
  if (generation === '3.2') {
    const udf = new UdfCallsV32(api);
    await udf.mkdir('udf', `${UDF_ROOT_V32}/`);
    for (const name of ['acme.jar', 'v2.jar']) await udf.uploadJar(name, `PK-${name}`, `${UDF_ROOT_V32}/udf/`);
    resolve = fullNameResolver(`${UDF_ROOT_V32}/udf/`);
    client = createUdfFunctionsClient(http, 'fullName');
  } else {
    const udf = new UdfCallsV31(api);
    const dir = (await udf.mkdir('udf')).json?.data.id as number;
    for (const name of ['acme.jar', 'v2.jar']) byId.set((await udf.uploadJar(name, `PK-${name}`, dir, '/udf')).json?.data.id as number, name);
    resolve = resourceIdResolver(async (path) => [...byId].find(([, p]) => p === path)?.[0]);
    client = createUdfFunctionsClient(http, 'id');
  }
  const support = generation === '3.2' ? UDF_SUPPORT_V32 : UDF_SUPPORT_V30_V31;
  let managed: ManagedFunction[] = [];
  return {
    emu,
    async run(yaml) {
      const reading = readFunctionsFile(yaml, { file: 'udf/functions.yaml', funcNameLimit: support.functions ? support.funcNameLimit : 0, jars: new Set(['acme.jar', 'v2.jar']) });
      assert.ok('functions' in reading, JSON.stringify(reading));
      const listing = await client.list();
      assert.ok(listing.supported);
      const plan = planFunctions({
        declared: reading.functions, server: listing.functions, managed, jarPlan: [], support,
        jars: { byId, folderFullName: `${UDF_ROOT_V32}/udf/` }, fileTreePrefix: '',
      });
      const results: FunctionResult[] = [];
      for (const op of plan.operations) results.push(await applyFunctionOperation(client, op, resolve));
      // Recorded after a failed run too: a function created in a run that failed elsewhere is ours,
      // and would otherwise be refused as unmanaged on the next run (see the test below).
      managed = nextManagedFunctions(managed, plan.adopted, appliedFunctions(results));
      return { plan, results };
    },
  };
}

const YAML = `functions:
  - name: to_upper
    class: com.acme.hive.ToUpper
    jar: acme.jar
    args: string
    database: dw
    description: Upper-case a string
  - name: spark_len
    class: com.acme.spark.Len
    jar: v2.jar
    type: SPARK
`;

const ops = (plan: FunctionPlan) => plan.operations.map((o) => `${o.op} ${o.function}`);

for (const generation of ['3.0', '3.1', '3.2'] as const) {
  describe(`UDF function sync on ${generation}`, () => {
    it('creates, repeats with zero writes, updates in place, rebinds, deletes', async (t) => {
      const sync = await setup(t, generation);
      const first = await sync.run(YAML);
      assert.deepEqual(ops(first.plan), ['func-create to_upper', 'func-create spark_len']);
      assert.deepEqual(summarizeFunctions(first.results), { created: 2, updated: 0, deleted: 0 });
      const upper = sync.emu.udfFunctions().find((f) => f.funcName === 'to_upper');
      assert.deepEqual([upper?.className, upper?.argTypes, upper?.database, upper?.description], ['com.acme.hive.ToUpper', 'string', 'dw', 'Upper-case a string']);

      sync.emu.clearRequests();
      const again = await sync.run(YAML);
      assert.deepEqual(ops(again.plan), []);
      assert.equal(sync.emu.writeCount(), 0, 'a second sync makes zero writes');

      const changed = YAML.replace('com.acme.hive.ToUpper', 'com.acme.hive.ToUpper2').replace('jar: acme.jar', 'jar: v2.jar');
      const third = await sync.run(changed);
      assert.deepEqual(third.plan.operations.map((o) => (o.op === 'func-update' ? o.changed : [])), [['class', 'jar']]);
      const after = sync.emu.udfFunctions().find((f) => f.funcName === 'to_upper');
      assert.deepEqual([after?.id, after?.className, after?.resourceName.endsWith('/udf/v2.jar')], [upper?.id, 'com.acme.hive.ToUpper2', true]);

      const fourth = await sync.run(changed.slice(0, changed.indexOf('  - name: spark_len')));
      assert.deepEqual(ops(fourth.plan), ['func-delete spark_len']);
      assert.deepEqual(sync.emu.udfFunctions().map((f) => f.funcName), ['to_upper']);
    });

    it('an unmanaged function of a declared name is refused without a request, then adopted; the other one created meanwhile stays ours', async (t) => {
      const sync = await setup(t, generation);
      await sync.emu.seedUdfFunction({ funcName: 'to_upper', className: 'Manual', jar: '/udf/acme.jar' });
      sync.emu.clearRequests();
      const refused = await sync.run(YAML);
      assert.deepEqual(refused.results.map((r) => [r.operation.op, r.ok]), [['func-refuse', false], ['func-create', true]]);
      assert.match(refused.results[0]?.error ?? '', /^func-refuse to_upper: a function named to_upper \(id 1\) exists on the server and dolps-sync did not create it/);
      assert.equal(sync.emu.udfFunctions().find((f) => f.funcName === 'to_upper')?.className, 'Manual');
      assert.equal(sync.emu.writeCount(), 1, 'only spark_len was created');

      const adopted = await sync.run(YAML.replace('    jar: acme.jar\n', '    jar: acme.jar\n    adopt: true\n'));
      assert.deepEqual(adopted.results.map((r) => [r.operation.op, r.ok]), [['func-update', true]]);
      assert.equal(sync.emu.udfFunctions().find((f) => f.funcName === 'to_upper')?.className, 'com.acme.hive.ToUpper');
    });
  });
}
