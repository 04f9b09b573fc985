// The function applier: one call per operation, refusals and skips without a request, a refused
// call reported on its own, a fatal error stopping the run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FunctionFields, JarBinding } from '../../../src/core/udf-function.js';
import type { FunctionOperation } from '../../../src/core/udf-operation.js';
import { RemoteError } from '../../../src/remote/errors.js';
import type { UdfFunctionsClient } from '../../../src/remote/udf-functions.js';
import { applyFunctionOperation, appliedFunctions, fullNameResolver, resourceIdResolver, summarizeFunctions } from '../../../src/udf/apply-functions.js';

const FIELDS: FunctionFields = { name: 'f', className: 'C', type: 'HIVE', argTypes: null, database: null, description: null };

function fakeClient(fail?: RemoteError): { client: UdfFunctionsClient; calls: string[] } {
  const calls: string[] = [];
  const act = async (call: string) => {
    calls.push(call);
    if (fail) throw fail;
  };
  const client: UdfFunctionsClient = {
    list: async () => ({ supported: true, functions: [] }),
    create: async (f: FunctionFields, jar: JarBinding) => { await act(`create ${f.name} ${JSON.stringify(jar)}`); return 42; },
    update: async (id: number, f: FunctionFields, jar: JarBinding) => act(`update ${id} ${f.name} ${JSON.stringify(jar)}`),
    delete: async (id: number, name: string) => act(`delete ${id} ${name}`),
  };
  return { client, calls };
}

const resolve = fullNameResolver('file:/ds/default/udfs/udf/');
const plan: FunctionOperation[] = [
  { op: 'func-skip', function: 's', path: 'a.jar', reason: 'r' },
  { op: 'func-refuse', function: 'mine', path: 'a.jar', id: 3, reason: 'a function named mine (id 3) exists' },
  { op: 'func-create', function: 'f', path: 'a.jar', fields: FIELDS },
  { op: 'func-update', function: 'g', path: 'lib/b.jar', id: 5, fields: { ...FIELDS, name: 'g' }, changed: ['jar'] },
  { op: 'func-delete', function: 'old', path: '', id: 6 },
];

describe('applyFunctionOperation', () => {
  it('sends one request per write, none for a skip or a refusal; ids for the marker, counts for the summary', async () => {
    const { client, calls } = fakeClient();
    const results = [];
    for (const op of plan) results.push(await applyFunctionOperation(client, op, resolve));
    assert.deepEqual(calls, [
      'create f {"fullName":"file:/ds/default/udfs/udf/a.jar"}',
      'update 5 g {"fullName":"file:/ds/default/udfs/udf/lib/b.jar"}',
      'delete 6 old',
    ]);
    assert.deepEqual(results.map((r) => r.ok), [true, false, true, true, true]);
    assert.equal(results[1]?.error, 'func-refuse mine: a function named mine (id 3) exists');
    assert.deepEqual(appliedFunctions(results), [
      { op: 'func-create', function: 'f', id: 42 }, { op: 'func-update', function: 'g', id: 5 }, { op: 'func-delete', function: 'old', id: 6 },
    ]);
    assert.deepEqual(summarizeFunctions(results), { created: 1, updated: 1, deleted: 1 });
  });

  it('a refusal by the server fails that operation alone, with its message', async () => {
    const refused = new RemoteError('rejected', 'func-create', 'func-create f: server code 20002 "UDF function already exists"', { dsCode: 20002 });
    const { client } = fakeClient(refused);
    const result = await applyFunctionOperation(client, plan[2] as FunctionOperation, resolve);
    assert.deepEqual([result.ok, result.error], [false, 'func-create f: server code 20002 "UDF function already exists"']);
    assert.deepEqual(appliedFunctions([result]), []);
  });

  it('a fatal error (auth, unreachable, timeout) is thrown', async () => {
    const { client } = fakeClient(new RemoteError('unreachable', 'func-delete', 'cannot reach DolphinScheduler'));
    await assert.rejects(applyFunctionOperation(client, plan[4] as FunctionOperation, resolve), (e: unknown) => e instanceof RemoteError && e.kind === 'unreachable');
  });

  it('3.0/3.1: a jar without an id fails the operation, naming the jar', async () => {
    const { client, calls } = fakeClient();
    const byId = resourceIdResolver(async (path) => (path === 'a.jar' ? 7 : undefined));
    assert.equal((await applyFunctionOperation(client, plan[2] as FunctionOperation, byId)).ok, true);
    const missing = await applyFunctionOperation(client, plan[3] as FunctionOperation, byId);
    assert.deepEqual([missing.ok, missing.error], [false, 'the UDF jar lib/b.jar is not on the server']);
    assert.deepEqual(calls, ['create f {"resourceId":7}']);
  });
});
