// The UDF function client against the emulator of every generation (issue 13): the HTTP contract
// of test/emulator/udf-*.test.ts, seen from dolps-sync's side. Assertions read the emulator's own
// t_ds_udfs (udfFunctions()), not what the client believes.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { FunctionFields, JarBinding } from '../../src/core/udf-function.js';
import { startEmulator } from '../../src/emulator/index.js';
import { RemoteError } from '../../src/remote/errors.js';
import { createHttp } from '../../src/remote/http.js';
import { createUdfFunctionsClient, NO_UDF_MANAGEMENT, type UdfFunctionsClient } from '../../src/remote/udf-functions.js';
import { Api } from '../emulator/support.js';
import { UdfCallsV31, UdfCallsV32 } from '../emulator/udf-support.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const UDF_ROOT_V32 = 'file:/dolphinscheduler/default/udfs';

interface Setup {
  emu: Emulator;
  client: UdfFunctionsClient;
  /** The two jars uploaded to the UDF tree, as the generation binds them. */
  acme: JarBinding;
  v2: JarBinding;
  /** What t_ds_udfs.resource_name holds for each. */
  names: { acme: string; v2: string };
}

async function setup(t: TestContext, generation: '3.0' | '3.1' | '3.2'): Promise<Setup> {
  const emu = await startEmulator({ generation });
  const http = createHttp({ baseUrl: emu.url, auth: { token: emu.token }, timeoutMs: 5000, retries: 0 });
  t.after(async () => {
    http.close();
    await emu.stop();
  });
  const api = new Api(emu.url, { token: emu.token });
  if (generation === '3.2') {
    const udf = new UdfCallsV32(api);
    await udf.mkdir('udf', `${UDF_ROOT_V32}/`);
    await udf.uploadJar('acme.jar', 'PK-1', `${UDF_ROOT_V32}/udf/`);
    await udf.uploadJar('v2.jar', 'PK-2', `${UDF_ROOT_V32}/udf/`);
    const acme = `${UDF_ROOT_V32}/udf/acme.jar`;
    const v2 = `${UDF_ROOT_V32}/udf/v2.jar`;
    return { emu, client: createUdfFunctionsClient(http, 'fullName'), acme: { fullName: acme }, v2: { fullName: v2 }, names: { acme, v2 } };
  }
  const udf = new UdfCallsV31(api);
  const dir = (await udf.mkdir('udf')).json?.data.id as number;
  const acme = (await udf.uploadJar('acme.jar', 'PK-1', dir, '/udf')).json?.data.id as number;
  const v2 = (await udf.uploadJar('v2.jar', 'PK-2', dir, '/udf')).json?.data.id as number;
  return { emu, client: createUdfFunctionsClient(http, 'id'), acme: { resourceId: acme }, v2: { resourceId: v2 }, names: { acme: '/udf/acme.jar', v2: '/udf/v2.jar' } };
}

const TO_UPPER: FunctionFields = { name: 'to_upper', className: 'com.acme.hive.ToUpper', type: 'HIVE', argTypes: 'string', database: 'dw', description: 'Upper-case a string' };

function row(emu: Emulator, id: number) {
  const r = emu.udfFunctions().find((f) => f.id === id);
  assert.ok(r, `function ${id} on the server`);
  return r;
}

for (const generation of ['3.0', '3.1', '3.2'] as const) {
  describe(`UDF function client on ${generation}`, () => {
    it('creates a function with every field, bound to the jar, and returns its id', async (t) => {
      const { emu, client, acme, names } = await setup(t, generation);
      assert.deepEqual(await client.list(), { supported: true, functions: [] });
      const id = await client.create(TO_UPPER, acme);
      const r = row(emu, id);
      assert.deepEqual([r.funcName, r.className, r.type, r.argTypes, r.database, r.description, r.resourceName],
        ['to_upper', 'com.acme.hive.ToUpper', 'HIVE', 'string', 'dw', 'Upper-case a string', names.acme]);
      assert.equal(r.resourceId, 'resourceId' in acme ? acme.resourceId : -1);
    });

    it('lists every function with its fields and binding', async (t) => {
      const { client, acme, v2 } = await setup(t, generation);
      const upper = await client.create(TO_UPPER, acme);
      const len = await client.create({ name: 'spark_len', className: 'com.acme.Len', type: 'SPARK', argTypes: null, database: null, description: null }, v2);
      const listing = await client.list();
      assert.ok(listing.supported);
      const byName = new Map(listing.functions.map((f) => [f.name, f]));
      assert.deepEqual(byName.get('to_upper'), { id: upper, ...TO_UPPER, binding: acme });
      // An empty argTypes and database are stored as null, the description as "" (UdfFuncServiceImpl.createUdfFunction).
      assert.deepEqual(byName.get('spark_len'), { id: len, name: 'spark_len', className: 'com.acme.Len', type: 'SPARK',
        argTypes: null, database: null, description: '', binding: v2 });
    });

    it('updates in place: every field, a rebind to another jar, the same id', async (t) => {
      const { emu, client, acme, v2, names } = await setup(t, generation);
      const id = await client.create(TO_UPPER, acme);
      await client.update(id, { name: 'to_upper', className: 'com.acme.hive.ToUpper2', type: 'SPARK', argTypes: 'int', database: 'ods', description: 'v2' }, v2);
      const r = row(emu, id);
      assert.deepEqual([r.id, r.className, r.type, r.argTypes, r.database, r.description, r.resourceName],
        [id, 'com.acme.hive.ToUpper2', 'SPARK', 'int', 'ods', 'v2', names.v2]);
    });

    it('regression: an update clears args and description (sent as ""), but the server keeps database', async (t) => {
      const { emu, client, acme } = await setup(t, generation);
      const id = await client.create(TO_UPPER, acme);
      await client.update(id, { ...TO_UPPER, argTypes: null, database: null, description: null }, acme);
      const r = row(emu, id);
      assert.deepEqual([r.argTypes, r.database, r.description], ['', 'dw', '']);
    });

    it('deletes by id', async (t) => {
      const { emu, client, acme } = await setup(t, generation);
      const id = await client.create(TO_UPPER, acme);
      await client.create({ ...TO_UPPER, name: 'keep' }, acme);
      await client.delete(id, 'to_upper');
      assert.deepEqual(emu.udfFunctions().map((f) => f.funcName), ['keep']);
    });

    it('a taken name is refused with 20002, naming the function', async (t) => {
      const { client, acme } = await setup(t, generation);
      await client.create(TO_UPPER, acme);
      const error = await client.create(TO_UPPER, acme).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof RemoteError);
      assert.deepEqual([error.kind, error.op, error.path, error.dsCode], ['rejected', 'func-create', 'to_upper', 20002]);
      assert.match(error.message, /^func-create to_upper: server code 20002 "UDF function already exists"/);
    });

    it('the id of a new function is read back exactly, though "_" is a LIKE wildcard', async (t) => {
      const { client, acme } = await setup(t, generation);
      const other = await client.create({ ...TO_UPPER, name: 'toXupper' }, acme);
      const id = await client.create(TO_UPPER, acme);
      assert.notEqual(id, other);
      const listing = await client.list();
      assert.ok(listing.supported);
      assert.equal(listing.functions.find((f) => f.name === 'to_upper')?.id, id);
    });

    it('lists across pages (more than one page of 100)', async (t) => {
      const { emu, client } = await setup(t, generation);
      // A seed names the jar by its path in the UDF tree on every generation.
      for (let i = 0; i < 130; i++) await emu.seedUdfFunction({ funcName: `f${i}`, className: 'C', jar: '/udf/acme.jar' });
      const listing = await client.list();
      assert.ok(listing.supported);
      assert.equal(new Set(listing.functions.map((f) => f.name)).size, 130);
    });
  });
}

describe('UDF function client on 3.3', () => {
  it('the listing says the server has no UDF management, a typed answer, not an error', async (t) => {
    const emu = await startEmulator({ generation: '3.3' });
    const http = createHttp({ baseUrl: emu.url, auth: { token: emu.token }, timeoutMs: 5000, retries: 0 });
    t.after(async () => {
      http.close();
      await emu.stop();
    });
    assert.deepEqual(await createUdfFunctionsClient(http, 'fullName').list(), { supported: false, reason: NO_UDF_MANAGEMENT });
  });
});
