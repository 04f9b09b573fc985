// The UDF part of a run against an in-memory UDF tree and function client: the order of the
// phases (jars up, functions, function deletes, jar deletes), no deletes after a failed write, and
// the takeover rule for an unmanaged function equal to its declaration (issue 13); the reference
// guard over function deletes and jar removals (issue 14).
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { gitBlob, sha256Id, type FileRef } from '../../../src/core/change.js';
import { UDF_SUPPORT_V32, type FunctionDeclaration, type FunctionFields, type ServerFunction } from '../../../src/core/udf-function.js';
import { planFunctionsWithTakeover } from '../../../src/core/udf-takeover.js';
import type { DesiredTreeSource } from '../../../src/app/pipeline/desired.js';
import type { UdfFunctionsClient } from '../../../src/remote/udf-functions.js';
import { fullNameResolver } from '../../../src/udf/apply-functions.js';
import { applyUdf, planUdf } from '../../../src/udf/udf-run.js';
import type { UdfRemote } from '../../../src/udf/udf-remote.js';
import { MemoryResourceCenter, rejected } from '../../fakes/memory-resource-center.js';
import type { ReferencePolicy } from '../../../src/core/reference-guard.js';
import { scanOnce, udfReferenceGuard } from '../../../src/references/udf-guard.js';

const FOLDER = 'file:/ds/default/udfs/gitlab/';

function declared(name: string, extra: Partial<FunctionDeclaration> = {}): FunctionDeclaration {
  return { name, className: `com.acme.${name}`, type: 'HIVE', argTypes: null, database: null, description: null, jar: 'new.jar', adopt: false, line: 2, ...extra };
}

function onServer(name: string, id: number, jar: string, extra: Partial<ServerFunction> = {}): ServerFunction {
  return { name, id, className: `com.acme.${name}`, type: 'HIVE', argTypes: null, database: null, description: null, binding: { fullName: `${FOLDER}${jar}` }, ...extra };
}

/** Functions in memory; every call is appended to `log` beside the UDF tree's own. */
function memoryFunctions(server: ServerFunction[], log: string[]): UdfFunctionsClient {
  let next = 100;
  return {
    list: async () => ({ supported: true, functions: server }),
    create: async (fields: FunctionFields) => { log.push(`func-create ${fields.name}`); return next++; },
    update: async (id: number, fields: FunctionFields) => { log.push(`func-update ${fields.name}`); },
    delete: async (id: number, name: string) => { log.push(`func-delete ${name}`); },
  };
}

const file = (path: string, content: string): FileRef => ({ path, id: sha256Id(Buffer.from(content).toString('hex').padEnd(64, '0').slice(0, 64)), size: content.length });

function source(contents: Record<string, string>): DesiredTreeSource {
  return {
    label: 'test', contentKind: 'git-blob', contentHasher: () => ({ update: () => undefined, digest: () => gitBlob('0'.repeat(40)) }), isIgnored: () => false,
    open: async (f) => Readable.from([Buffer.from(contents[f.path] ?? '')]),
    tree: async () => ({ files: new Map(), unsupported: [] }),
  };
}

async function run(options: { fail?: boolean; vanish?: boolean; files?: Record<string, string>; managedJars?: string[] }) {
  const log: string[] = [];
  const tree = new MemoryResourceCenter({
    files: options.files ?? { 'old.jar': 'PK-old' }, capabilities: { canRename: false },
    faults: [
      ...options.fail ? [{ op: 'create' as const, path: 'new.jar', error: rejected(20009) }] : [],
      ...options.vanish ? [{ op: 'create' as const, path: 'new.jar', vanish: true }] : [],
    ],
  });
  const remote: UdfRemote = {
    support: UDF_SUPPORT_V32,
    server: {
      tree, functions: memoryFunctions([onServer('gone', 5, 'old.jar')], log), remoteDir: '/gitlab',
      locate: async () => ({ byId: new Map(), folderFullName: FOLDER }), resolver: () => fullNameResolver(FOLDER),
    },
  };
  const deps = { remote, source: source({ 'new.jar': 'PK-new' }), managed: [{ name: 'gone', id: 5 }], managedJars: options.managedJars ?? ['old.jar'], concurrency: 2 };
  const folder = { dir: 'udf', jars: new Map([['new.jar', file('new.jar', 'PK-new')]]), declared: [declared('f1')], others: [], hasFunctionsFile: true };
  const plan = await planUdf(folder, deps);
  const outcome = await applyUdf(plan, deps);
  const calls = tree.calls.filter((c) => c.op !== 'list' && c.op !== 'download').map((c) => `${c.op} ${c.path}`);
  return { outcome, calls, log, notes: plan.notes };
}

describe('the UDF part of a run', () => {
  it('jars up, then functions created, then functions deleted, then jars deleted', async () => {
    const { outcome, calls, log } = await run({});
    assert.ok(outcome.ok);
    assert.deepEqual(calls, ['create new.jar', 'delete old.jar']);
    assert.deepEqual(log, ['func-create f1', 'func-delete gone']);
    assert.deepEqual(outcome.functions.map((r) => r.operation.op), ['func-create', 'func-delete']);
    assert.deepEqual(outcome.managed, [{ name: 'f1', id: 100 }]);
    assert.deepEqual(outcome.managedJars, ['new.jar'], 'the uploaded jar is recorded, the deleted one is not');
  });

  it('a jar put in the UDF remote dir by hand is never deleted, and never becomes managed', async () => {
    const { outcome, calls, notes } = await run({ files: { 'old.jar': 'PK-old', 'by-hand.jar': 'PK-hand' } });
    assert.ok(outcome.ok);
    assert.deepEqual(calls, ['create new.jar', 'delete old.jar'], 'by-hand.jar is kept');
    assert.deepEqual(outcome.managedJars, ['new.jar']);
    assert.match(notes.join('\n'), /udf\/: 1 jar\(s\) in the UDF remote dir were not put there by dolps-sync and were kept \(by-hand\.jar\)/);
    assert.doesNotMatch(notes.join('\n'), /--prune/);
  });

  it('a state without managed jars (an older marker): the folder\'s jars already there become managed, others stay', async () => {
    const { outcome, calls } = await run({ files: { 'old.jar': 'PK-old', 'new.jar': 'PK-new' }, managedJars: [] });
    assert.ok(outcome.ok);
    assert.ok(!calls.includes('delete old.jar'), `old.jar not deleted: ${calls.join(', ')}`);
    assert.deepEqual(outcome.managedJars, ['new.jar']);
  });

  it('after a failed jar upload no function and no jar is deleted', async () => {
    const { outcome, calls, log } = await run({ fail: true });
    assert.equal(outcome.ok, false);
    assert.deepEqual(calls, ['create new.jar'], 'old.jar not deleted');
    assert.ok(!log.includes('func-delete gone'), `function gone not deleted: ${log.join(', ')}`);
    assert.match(outcome.functions.find((r) => r.operation.op === 'func-delete')?.error ?? '', /not deleted because an earlier write failed/);
    assert.equal(outcome.jars.find((r) => r.operation.op === 'delete')?.notAttempted, true);
    assert.deepEqual(outcome.managed.map((m) => m.name).sort(), ['f1', 'gone'], 'gone stays managed: the next run retries');
  });

  it('a jar upload answered success but not there (3.2 data: null) is read back with its directory and fails like a refused one', async () => {
    const { outcome, calls, log } = await run({ vanish: true });
    assert.equal(outcome.ok, false);
    assert.match(outcome.jars.find((r) => r.operation.op === 'create')?.error ?? '', /create new\.jar: the server answered success, but the file is not there when read back/);
    assert.deepEqual(calls, ['create new.jar'], 'old.jar not deleted');
    assert.ok(!log.includes('func-delete gone'), `function gone not deleted: ${log.join(', ')}`);
    assert.deepEqual(outcome.managedJars, ['old.jar'], 'new.jar is not recorded as managed');
  });

  it('a UDF folder missing from the commit (a mistyped --udf-dir) leaves the UDF tree and the functions alone', async () => {
    const tree = new MemoryResourceCenter({ files: { 'old.jar': 'PK-old' } });
    const log: string[] = [];
    const remote: UdfRemote = { support: UDF_SUPPORT_V32, server: {
      tree, functions: memoryFunctions([onServer('gone', 5, 'old.jar')], log), remoteDir: '/gitlab',
      locate: async () => ({ byId: new Map(), folderFullName: FOLDER }), resolver: () => fullNameResolver(FOLDER) } };
    const deps = { remote, source: source({}), managed: [{ name: 'gone', id: 5 }], managedJars: ['old.jar'], concurrency: 2 };
    const plan = await planUdf({ dir: 'udf', jars: new Map(), declared: [], others: [], hasFunctionsFile: false }, deps);
    assert.deepEqual(plan.operations, []);
    assert.match(plan.notes.join('\n'), /udf\/ has no jars and no functions\.yaml in this commit/);
  });
});

describe('the UDF part of a run under the reference guard (issue 14)', () => {
  // to_upper (id 5, on old.jar) is used by an offline workflow's SQL task; spare (id 6, on spare.jar) by nobody.
  const tasks = [{ project: 'dw', workflow: 'report', online: false, task: 'q', params: { sql: 'select to_upper(a)', udfs: '5' } }];
  async function guarded(policy: ReferencePolicy) {
    const log: string[] = [];
    const tree = new MemoryResourceCenter({ files: { 'old.jar': 'PK-old', 'spare.jar': 'PK-spare' }, capabilities: { canRename: false } });
    let scans = 0;
    const references = udfReferenceGuard({ source: { name: 'a list', scan: async () => { scans++; return { complete: true, tasks, projects: 1 }; } }, style: 'storage-path', policy });
    const remote: UdfRemote = { support: UDF_SUPPORT_V32, server: {
      tree, functions: memoryFunctions([onServer('to_upper', 5, 'old.jar'), onServer('spare', 6, 'spare.jar')], log), remoteDir: '/gitlab',
      locate: async () => ({ byId: new Map(), folderFullName: FOLDER }), resolver: () => fullNameResolver(FOLDER) } };
    const deps = { remote, source: source({}), managed: [{ name: 'to_upper', id: 5 }, { name: 'spare', id: 6 }], managedJars: ['old.jar', 'spare.jar'], concurrency: 2, references };
    // functions.yaml declares nothing any more, and the jars are gone from the folder.
    const plan = await planUdf({ dir: 'udf', jars: new Map(), declared: [], others: [], hasFunctionsFile: true }, deps);
    const outcome = await applyUdf(plan, deps);
    const calls = tree.calls.filter((c) => c.op !== 'list' && c.op !== 'download').map((c) => `${c.op} ${c.path}`);
    return { outcome, calls, log, scans, plan };
  }

  it('refuse: the used function and its jar stay, the unused ones go, the function stays managed', async () => {
    const { outcome, calls, log, scans } = await guarded('refuse');
    assert.equal(scans, 1);
    assert.deepEqual(log, ['func-delete spare']);
    assert.deepEqual(calls, ['delete spare.jar']);
    assert.equal(outcome.ok, false);
    const refused = outcome.functions.find((r) => r.operation.function === 'to_upper');
    assert.match(refused?.error ?? '', /^func-refuse to_upper: delete function to_upper \(id 5\): refused, used by project dw, workflow report \(offline\), task q \(udf\)/);
    assert.match(outcome.jars.find((r) => r.operation.path === 'old.jar')?.error ?? '', /delete UDF jar old\.jar: refused, .*through its function to_upper/);
    assert.deepEqual(outcome.managed, [{ name: 'to_upper', id: 5 }]);
  });

  it('warn: everything goes, the users reported on the operation', async () => {
    const { outcome, log, calls } = await guarded('warn');
    assert.ok(outcome.ok);
    assert.deepEqual(log.sort(), ['func-delete spare', 'func-delete to_upper']);
    assert.deepEqual(calls.sort(), ['delete old.jar', 'delete spare.jar']);
    const op = outcome.functions.find((r) => r.operation.function === 'to_upper')?.operation;
    assert.deepEqual(op?.op === 'func-delete' && op.usedBy, [{ project: 'dw', workflow: 'report', online: false, task: 'q', field: 'udf' }]);
  });

  it('the file guard and the UDF guard of one sync share one scan (scanOnce)', async () => {
    let scans = 0;
    const once = scanOnce({ name: 'x', scan: async () => { scans++; return { complete: true, tasks, projects: 1 }; } });
    const [a, b] = await Promise.all([once.scan(), once.scan()]);
    await once.scan();
    assert.equal(scans, 1);
    assert.equal(a, b);
  });

  it('a plan that only creates reads no task', async () => {
    const tree = new MemoryResourceCenter({ files: {} });
    let scans = 0;
    const references = udfReferenceGuard({ source: { name: 'x', scan: async () => { scans++; return { complete: true, tasks: [], projects: 0 }; } }, style: 'storage-path', policy: 'refuse' });
    const remote: UdfRemote = { support: UDF_SUPPORT_V32, server: {
      tree, functions: memoryFunctions([], []), remoteDir: '/gitlab', locate: async () => ({ byId: new Map(), folderFullName: FOLDER }), resolver: () => fullNameResolver(FOLDER) } };
    const deps = { remote, source: source({ 'new.jar': 'PK-new' }), managed: [], managedJars: [], concurrency: 2, references };
    await planUdf({ dir: 'udf', jars: new Map([['new.jar', file('new.jar', 'PK-new')]]), declared: [declared('f1')], others: [], hasFunctionsFile: true }, deps);
    assert.equal(scans, 0);
  });
});

describe('planFunctionsWithTakeover', () => {
  const base = { managed: [], jarPlan: [], support: UDF_SUPPORT_V32, jars: { byId: new Map<number, string>(), folderFullName: FOLDER }, fileTreePrefix: '' };

  it('an unmanaged function equal to its declaration (fields and jar) is taken as ours without any write', () => {
    const plan = planFunctionsWithTakeover({ ...base, declared: [declared('f1')], server: [onServer('f1', 3, 'new.jar')] });
    assert.deepEqual(plan.operations, []);
    assert.deepEqual(plan.adopted, [{ name: 'f1', id: 3 }]);
  });

  it('a different unmanaged function is refused without adopt, and updated with it', () => {
    const differs = [onServer('f1', 3, 'new.jar', { className: 'Manual' })];
    const refused = planFunctionsWithTakeover({ ...base, declared: [declared('f1')], server: differs });
    assert.deepEqual(refused.operations.map((o) => o.op), ['func-refuse']);
    assert.deepEqual(refused.adopted, []);
    const onOtherJar = planFunctionsWithTakeover({ ...base, declared: [declared('f1')], server: [onServer('f1', 3, 'other.jar')] });
    assert.deepEqual(onOtherJar.operations.map((o) => o.op), ['func-refuse'], 'a different jar is a difference too');
    const adopted = planFunctionsWithTakeover({ ...base, declared: [declared('f1', { adopt: true })], server: differs });
    assert.deepEqual(adopted.operations.map((o) => o.op), ['func-update']);
    assert.deepEqual(adopted.adopted, [{ name: 'f1', id: 3 }]);
  });
});
