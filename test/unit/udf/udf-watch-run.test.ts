// The UDF side run of `watch` (issue 13) on a temp directory and an in-memory UDF tree and function
// client: it reads the folder before anything is written, keeps what it manages in the state it is
// given (the manifest), and a folder unchanged since the last run that applied costs no request.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { UDF_SUPPORT_V32, type FunctionFields, type ServerFunction } from '../../../src/core/udf-function.js';
import type { ManagedUdf } from '../../../src/sources/watch/manifest.js';
import type { UdfFunctionsClient } from '../../../src/remote/udf-functions.js';
import { fullNameResolver } from '../../../src/udf/apply-functions.js';
import { FunctionsFileInvalid } from '../../../src/udf/udf-folder.js';
import type { UdfRemote } from '../../../src/udf/udf-remote.js';
import { UdfWatchRun } from '../../../src/udf/udf-watch-run.js';
import { udfReferenceGuard, type UdfReferenceReview } from '../../../src/references/udf-guard.js';
import { MemoryResourceCenter } from '../../fakes/memory-resource-center.js';

const FOLDER = 'file:/ds/default/udfs/w/';
const YAML = (description: string) => `functions:\n  - name: f1\n    class: C\n    jar: a.jar\n    description: ${description}\n`;

/** Functions in memory, as the server would keep them; every call is logged. */
function memoryFunctions(log: string[]): UdfFunctionsClient {
  const server: ServerFunction[] = [];
  let next = 100;
  const row = (id: number, f: FunctionFields, fullName: string): ServerFunction => ({ ...f, id, binding: { fullName } });
  return {
    list: async () => {
      log.push('func-list');
      return { supported: true, functions: [...server] };
    },
    create: async (fields, jar) => {
      log.push(`func-create ${fields.name}`);
      server.push(row(next, fields, 'fullName' in jar ? jar.fullName : ''));
      return next++;
    },
    update: async (id, fields, jar) => {
      log.push(`func-update ${fields.name}`);
      server.splice(server.findIndex((f) => f.id === id), 1, row(id, fields, 'fullName' in jar ? jar.fullName : ''));
    },
    delete: async (id, name) => {
      log.push(`func-delete ${name}`);
      server.splice(server.findIndex((f) => f.id === id), 1);
    },
  };
}

describe('the UDF side run of watch', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dolps-udf-watch-run-'));
    await mkdir(join(dir, 'udf'));
    await writeFile(join(dir, 'udf', 'a.jar'), 'PK-a');
    await writeFile(join(dir, 'udf', 'functions.yaml'), YAML('one'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  function setup(references?: UdfReferenceReview) {
    const log: string[] = [];
    const tree = new MemoryResourceCenter({ files: { 'by-hand.jar': 'PK-hand' }, capabilities: { canRename: false } });
    const remote: UdfRemote = {
      support: UDF_SUPPORT_V32,
      server: {
        tree, functions: memoryFunctions(log), remoteDir: '/w',
        locate: async () => ({ byId: new Map(), folderFullName: FOLDER }), resolver: () => fullNameResolver(FOLDER),
      },
    };
    let kept: ManagedUdf | undefined;
    const state = { udf: () => kept, setUdf: (next: ManagedUdf) => { kept = next; } };
    const side = new UdfWatchRun({ localDir: dir, dir: 'udf', remote, concurrency: 2, state, ...(references ? { references } : {}) });
    const once = async () => {
      await side.prepare();
      await side.plan();
      return side.apply(false);
    };
    return { log, tree, state, once };
  }

  it('creates, records in the state, then sends nothing while the folder is unchanged; an edit updates in place', async () => {
    const { log, tree, state, once } = setup();
    assert.equal(await once(), true);
    assert.deepEqual(log, ['func-list', 'func-create f1']);
    assert.deepEqual(state.udf(), { functions: [{ name: 'f1', id: 100 }], jars: ['/w/a.jar'] });
    assert.ok(tree.files.has('by-hand.jar'), 'a jar made by hand stays');

    log.length = 0;
    const callsBefore = tree.calls.length;
    assert.equal(await once(), true);
    assert.deepEqual(log, [], 'no function request');
    assert.equal(tree.calls.length, callsBefore, 'no UDF tree request');

    await writeFile(join(dir, 'udf', 'functions.yaml'), YAML('two'));
    assert.equal(await once(), true);
    assert.deepEqual(log, ['func-list', 'func-update f1']);
    assert.deepEqual(state.udf()?.functions, [{ name: 'f1', id: 100 }]);
  });

  it('a bad functions.yaml throws before any request; the next read of a fixed file goes on', async () => {
    const { log, tree, once } = setup();
    await writeFile(join(dir, 'udf', 'functions.yaml'), 'functions:\n  - name: f1\n    clas: C\n    jar: a.jar\n');
    await assert.rejects(once(), (error: unknown) => error instanceof FunctionsFileInvalid && /udf\/functions\.yaml:3 functions\[0\]\.clas: unknown key/.test(error.message));
    assert.deepEqual(log, []);
    assert.deepEqual(tree.calls, []);
    await writeFile(join(dir, 'udf', 'functions.yaml'), YAML('one'));
    assert.equal(await once(), true);
    assert.deepEqual(log, ['func-list', 'func-create f1']);
  });

  it('no UDF folder on the disk: nothing is read, nothing is sent', async () => {
    await rm(join(dir, 'udf'), { recursive: true });
    const { log, tree, once } = setup();
    assert.equal(await once(), true);
    assert.deepEqual(log, []);
    assert.deepEqual(tree.calls.filter((c) => c.op !== 'list'), []);
  });

  it('the reference guard reviews its deletes as in sync: a function a task uses is not deleted', async () => {
    const tasks = [{ project: 'dw', workflow: 'report', online: true, task: 'q', params: { sql: 'select f1(a)', udfs: '100' } }];
    const references = udfReferenceGuard({ source: { name: 'a list', scan: async () => ({ complete: true, tasks, projects: 1 }) }, style: 'storage-path', policy: 'refuse' });
    const { log, once } = setup(references);
    assert.equal(await once(), true);
    await writeFile(join(dir, 'udf', 'functions.yaml'), 'functions: []\n');
    assert.equal(await once(), false, 'refused: the run did not fully apply');
    assert.ok(!log.includes('func-delete f1'), log.join(', '));
  });
});
