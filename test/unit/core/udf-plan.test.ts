// The UDF function planner: which functions are created, updated in place, deleted, refused or
// skipped, and where those operations go among the jar operations (issue 13).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gitBlob, type FileRef } from '../../../src/core/change.js';
import type { Operation } from '../../../src/core/operation.js';
import {
  UDF_SUPPORT_V30_V31, UDF_SUPPORT_V32, UDF_SUPPORT_V33,
  type FunctionDeclaration, type ManagedFunction, type ServerFunction, type UdfFunctionSupport,
} from '../../../src/core/udf-function.js';
import { mergeFunctionOperations, type FunctionOperation } from '../../../src/core/udf-operation.js';
import type { Capabilities } from '../../../src/core/capabilities.js';
import { GENERATION_REGISTRY } from '../../../src/remote/generations.js';
import { planChanges } from '../../../src/core/plan.js';
import { planFunctions, udfTreeCapabilities, type FunctionPlanInput } from '../../../src/core/udf-plan.js';

const FOLDER = 'file:/dolphinscheduler/default/udfs/udf/';
const JAR_IDS = new Map([[7, 'acme.jar'], [8, 'lib/old.jar'], [9, 'other.jar']]);

function declared(name: string, extra: Partial<FunctionDeclaration> = {}): FunctionDeclaration {
  return { name, className: `com.acme.${name}`, type: 'HIVE', argTypes: null, database: null, description: null,
    jar: 'acme.jar', adopt: false, line: 2, ...extra };
}

/** A server function identical to declared(name), bound by id (3.1) or path (3.2). */
function server(name: string, id: number, generation: '3.1' | '3.2', extra: Partial<ServerFunction> = {}, jar = 'acme.jar'): ServerFunction {
  const resourceId = [...JAR_IDS].find(([, path]) => path === jar)?.[0] ?? 99;
  const binding = generation === '3.1' ? { resourceId } : { fullName: `${FOLDER}${jar}` };
  return { name, id, className: `com.acme.${name}`, type: 'HIVE', argTypes: null, database: null, description: null, binding, ...extra };
}

const file = (path: string): FileRef => ({ path, id: gitBlob(`b-${path}`), size: 3 });

interface Row {
  name: string;
  support?: UdfFunctionSupport;
  declared?: FunctionDeclaration[];
  server?: ServerFunction[];
  managed?: ManagedFunction[];
  jarPlan?: Operation[];
  /** op, function, path, and id or changed fields where they apply. */
  expect: string[];
  adopted?: ManagedFunction[];
  notes?: RegExp[];
}

function describeOp(op: FunctionOperation): string {
  const base = `${op.op} ${op.function} ${op.path}`;
  if (op.op === 'func-update') return `${base} #${op.id} ${op.changed.join(',')}`;
  if (op.op === 'func-delete' || op.op === 'func-refuse') return `${base} #${op.id}`;
  return base;
}

function run(row: Row) {
  const input: FunctionPlanInput = {
    declared: row.declared ?? [], server: row.server ?? [], managed: row.managed ?? [], jarPlan: row.jarPlan ?? [],
    support: row.support ?? UDF_SUPPORT_V30_V31, jars: { byId: JAR_IDS, folderFullName: FOLDER },
    fileTreePrefix: 'file:/dolphinscheduler/default/resources/gitlab/udf/',
  };
  return planFunctions(input);
}

const rows: Row[] = [
  { name: 'a declared function the server lacks is created', declared: [declared('to_upper')], expect: ['func-create to_upper acme.jar'] },
  { name: 'a managed function equal to its declaration: nothing to do',
    declared: [declared('f')], server: [server('f', 3, '3.1')], managed: [{ name: 'f', id: 3 }], expect: [] },
  { name: 'empty args and description equal null (the server stores either)',
    declared: [declared('f')], server: [server('f', 3, '3.1', { argTypes: '', description: '' })], managed: [{ name: 'f', id: 3 }], expect: [] },
  { name: 'every field that differs is an update in place',
    declared: [declared('f', { className: 'X', type: 'SPARK', argTypes: 'int', database: 'dw', description: 'd' })],
    server: [server('f', 3, '3.1')], managed: [{ name: 'f', id: 3 }], expect: ['func-update f acme.jar #3 class,type,args,database,description'] },
  { name: 'a declared jar that differs from the bound one is a rebind',
    declared: [declared('f', { jar: 'other.jar' })], server: [server('f', 3, '3.1')], managed: [{ name: 'f', id: 3 }],
    expect: ['func-update f other.jar #3 jar'] },
  { name: '3.1: a jar updated in place keeps its id: the function stays bound',
    declared: [declared('f')], server: [server('f', 3, '3.1')], managed: [{ name: 'f', id: 3 }],
    jarPlan: [{ op: 'update', path: 'acme.jar', file: file('acme.jar') }], expect: [] },
  { name: '3.1: a native rename carries the functions along (batchUpdateUdfFunc)',
    declared: [declared('f', { jar: 'acme-2.jar' })], server: [server('f', 3, '3.1')], managed: [{ name: 'f', id: 3 }],
    jarPlan: [{ op: 'rename', path: 'acme-2.jar', from: 'acme.jar' }], expect: [] },
  { name: '3.1: a move as upload + delete rebinds to the new jar',
    declared: [declared('f', { jar: 'lib/acme.jar' })], server: [server('f', 3, '3.1')], managed: [{ name: 'f', id: 3 }],
    jarPlan: [{ op: 'create', path: 'lib/acme.jar', file: file('lib/acme.jar') }, { op: 'delete', path: 'acme.jar' }],
    expect: ['func-update f lib/acme.jar #3 jar'] },
  { name: '3.1: a jar deleted and uploaded again has a new id: rebind',
    declared: [declared('f')], server: [server('f', 3, '3.1')], managed: [{ name: 'f', id: 3 }],
    jarPlan: [{ op: 'delete', path: 'acme.jar' }, { op: 'create', path: 'acme.jar', file: file('acme.jar') }],
    expect: ['func-update f acme.jar #3 jar'] },
  { name: '3.2: a rename is a storage move that leaves the function at the old path: rebind',
    support: UDF_SUPPORT_V32, declared: [declared('f', { jar: 'acme-2.jar' })], server: [server('f', 3, '3.2')],
    managed: [{ name: 'f', id: 3 }], jarPlan: [{ op: 'rename', path: 'acme-2.jar', from: 'acme.jar' }],
    expect: ['func-update f acme-2.jar #3 jar'] },
  { name: '3.2: a jar deleted and uploaded again at the same path keeps the binding',
    support: UDF_SUPPORT_V32, declared: [declared('f')], server: [server('f', 3, '3.2')], managed: [{ name: 'f', id: 3 }],
    jarPlan: [{ op: 'delete', path: 'acme.jar' }, { op: 'create', path: 'acme.jar', file: file('acme.jar') }], expect: [] },
  { name: '3.2: a binding outside the UDF folder is a rebind',
    support: UDF_SUPPORT_V32, declared: [declared('f')], server: [server('f', 3, '3.2', { binding: { fullName: 'file:/elsewhere/acme.jar' } })],
    managed: [{ name: 'f', id: 3 }], expect: ['func-update f acme.jar #3 jar'] },
  { name: 'a managed function no longer declared is deleted, with the jar it was bound to',
    server: [server('gone', 4, '3.1', {}, 'lib/old.jar')], managed: [{ name: 'gone', id: 4 }], expect: ['func-delete gone lib/old.jar #4'] },
  { name: 'an unmanaged function is never deleted',
    server: [server('manual', 4, '3.1')], expect: [] },
  { name: 'a managed name recreated by hand under another id is not ours any more: not deleted',
    server: [server('f', 9, '3.1')], managed: [{ name: 'f', id: 4 }], expect: [] },
  { name: 'an unmanaged function of a declared name is refused, naming it',
    declared: [declared('f', { className: 'X' })], server: [server('f', 5, '3.1')], expect: ['func-refuse f acme.jar #5'] },
  { name: 'with adopt: true it is taken over (updated when it differs) and recorded',
    declared: [declared('f', { className: 'X', adopt: true }), declared('g', { adopt: true })],
    server: [server('f', 5, '3.1'), server('g', 6, '3.1')], expect: ['func-update f acme.jar #5 class'],
    adopted: [{ name: 'f', id: 5 }, { name: 'g', id: 6 }] },
  { name: 'a declared database cannot be cleared on the server: a note, not an update every run',
    declared: [declared('f')], server: [server('f', 3, '3.1', { database: 'dw' })], managed: [{ name: 'f', id: 3 }],
    expect: [], notes: [/function f: DolphinScheduler cannot clear its database \("dw"\)/] },
  { name: 'a jar the file plan skips: its functions are skipped with that reason',
    declared: [declared('f')], jarPlan: [{ op: 'skip', path: 'acme.jar', reason: 'the name is too long' }],
    expect: ['func-skip f acme.jar'] },
  { name: 'an unmanaged function whose jar this run deletes is reported',
    server: [server('manual', 4, '3.1', {}, 'lib/old.jar')], jarPlan: [{ op: 'delete', path: 'lib/old.jar' }],
    expect: [], notes: [/function manual \(not managed by dolps-sync\) uses lib\/old.jar, which this run deletes or moves/] },
  { name: '3.3: every declared function is skipped; managed ones are left alone',
    support: UDF_SUPPORT_V33, declared: [declared('to_upper'), declared('g', { type: 'SPARK' })], managed: [{ name: 'old', id: 1 }],
    expect: ['func-skip to_upper acme.jar', 'func-skip g acme.jar'] },
  { name: 'creates and updates in declaration order, deletes by name',
    declared: [declared('z'), declared('a', { className: 'X' })], server: [server('a', 1, '3.1'), server('y', 2, '3.1'), server('b', 3, '3.1')],
    managed: [{ name: 'a', id: 1 }, { name: 'y', id: 2 }, { name: 'b', id: 3 }],
    expect: ['func-create z acme.jar', 'func-update a acme.jar #1 class', 'func-delete b acme.jar #3', 'func-delete y acme.jar #2'] },
];

describe('planFunctions', () => {
  for (const row of rows) {
    it(row.name, () => {
      const plan = run(row);
      assert.deepEqual(plan.operations.map(describeOp), row.expect);
      assert.deepEqual(plan.adopted, row.adopted ?? []);
      assert.equal(plan.notes.length, (row.notes ?? []).length, plan.notes.join('\n'));
      for (const [i, note] of (row.notes ?? []).entries()) assert.match(plan.notes[i] ?? '', note);
    });
  }

  it('3.3: the skip says why and gives the statement for the SQL task', () => {
    const [skip] = run({ name: '', support: UDF_SUPPORT_V33, declared: [declared('to_upper', { className: 'com.acme.hive.ToUpper' })], expect: [] }).operations;
    assert.deepEqual(skip, {
      op: 'func-skip', function: 'to_upper', path: 'acme.jar',
      reason: "DolphinScheduler 3.3 removed UDF management; in the SQL task's pre-statements use: "
        + "CREATE TEMPORARY FUNCTION to_upper AS 'com.acme.hive.ToUpper' USING JAR 'file:/dolphinscheduler/default/resources/gitlab/udf/acme.jar'",
    });
  });

  it('a create and an update carry every field, so the client can send them all', () => {
    const d = declared('f', { argTypes: 'string', database: 'dw', description: 'Upper', type: 'SPARK' });
    const [create] = run({ name: '', declared: [d], expect: [] }).operations;
    assert.deepEqual(create, { op: 'func-create', function: 'f', path: 'acme.jar',
      fields: { name: 'f', className: 'com.acme.f', type: 'SPARK', argTypes: 'string', database: 'dw', description: 'Upper' } });
  });
});

describe('mergeFunctionOperations: jars up, functions written, functions deleted, jars deleted', () => {
  const ops = (list: { op: string; path?: string; function?: string }[]) => list.map((o) => `${o.op} ${o.function ?? o.path ?? ''}`);
  const functions: FunctionOperation[] = [
    { op: 'func-delete', function: 'old', path: 'old.jar', id: 1 },
    { op: 'func-update', function: 'f', path: 'lib/acme.jar', id: 2, changed: ['jar'], fields: { name: 'f', className: 'C', type: 'HIVE', argTypes: null, database: null, description: null } },
    { op: 'func-refuse', function: 'mine', path: 'acme.jar', id: 3, reason: 'r' },
  ];

  it('a moved jar: uploaded at the new path, rebound, the old one deleted last', () => {
    const jarPlan: Operation[] = [
      { op: 'skip', path: 'big.jar', reason: 'too big' },
      { op: 'mkdir', path: 'lib' },
      { op: 'create', path: 'lib/acme.jar', file: file('lib/acme.jar') },
      { op: 'delete', path: 'acme.jar' },
      { op: 'delete', path: 'old.jar' },
      { op: 'rmdir', path: 'gone' },
    ];
    assert.deepEqual(ops(mergeFunctionOperations(jarPlan, functions)), [
      'func-refuse mine', 'skip big.jar', 'mkdir lib', 'create lib/acme.jar', 'func-update f', 'func-delete old',
      'delete acme.jar', 'delete old.jar', 'rmdir gone',
    ]);
  });

  it('the deletes that make room for a write stay before it', () => {
    const jarPlan: Operation[] = [
      { op: 'delete', path: 'lib' },
      { op: 'mkdir', path: 'lib' },
      { op: 'create', path: 'lib/acme.jar', file: file('lib/acme.jar') },
      { op: 'delete', path: 'old.jar' },
    ];
    assert.deepEqual(ops(mergeFunctionOperations(jarPlan, functions.slice(0, 2))), [
      'delete lib', 'mkdir lib', 'create lib/acme.jar', 'func-update f', 'func-delete old', 'delete old.jar',
    ]);
  });

  it('with no jar writes, functions still go before every jar delete', () => {
    assert.deepEqual(ops(mergeFunctionOperations([{ op: 'delete', path: 'old.jar' }], functions.slice(0, 1))),
      ['func-delete old', 'delete old.jar']);
  });
});

describe('udfTreeCapabilities: a moved jar on 3.2 is upload, rebind, delete', () => {
  const v31: Capabilities = GENERATION_REGISTRY['3.1'].capabilities;
  const v32: Capabilities = { ...v31, generation: '3.2', renameKeepsIdentity: false, implicitParents: true, recursiveDelete: true, maxNameLength: null };
  const rename = [{ kind: 'renamed' as const, from: 'acme.jar', file: file('acme-2.jar'), similarity: 100 }];
  const plan = (caps: Capabilities) => planChanges(rename, { rootExists: true, entries: new Map([['acme.jar', { path: 'acme.jar', kind: 'file' as const }]]), source: 'test' },
    { capabilities: caps, fullNameLength: (p) => p.length, isIgnored: () => false }).operations.map((o) => `${o.op} ${o.path}`);

  it('3.1 keeps the native rename (the functions follow the id)', () => {
    assert.deepEqual(plan(udfTreeCapabilities(v31, UDF_SUPPORT_V30_V31)), ['rename acme-2.jar']);
  });

  it('3.2 uploads at the new path and deletes the old one, so the planner rebinds in between', () => {
    const jarPlan = plan(udfTreeCapabilities(v32, UDF_SUPPORT_V32));
    assert.deepEqual(jarPlan, ['create acme-2.jar', 'delete acme.jar']);
  });
});
