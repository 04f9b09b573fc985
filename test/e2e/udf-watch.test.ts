// `dolps-sync watch` with a UDF folder (issue 13) as a real process against the 3.1 emulator: a jar
// and functions.yaml added, a field edited, a bad functions.yaml (the run stops before any write,
// the watcher goes on), the fix that removes a function. What it manages is kept in the manifest.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { remoteFiles } from '../helpers/trees.js';
import { startWatchProcess, waitFor, type WatchProcess } from '../helpers/watch-process.js';

const ROOT = '/watched';

const entry = (name: string, description: string) => `  - name: ${name}
    class: com.acme.hive.${name}
    jar: acme-udfs.jar
    description: ${description}
`;

describe('dolps-sync watch with a UDF folder on DolphinScheduler 3.1', () => {
  let emulator: Emulator;
  let work: string;
  let dir: string;
  let watcher: WatchProcess;
  const statePath = () => join(work, 'state.json');
  const fn = (name: string) => emulator.udfFunctions().find((f) => f.funcName === name);
  const put = async (path: string, content: string) => {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  };
  const until = (what: string, condition: () => boolean | Promise<boolean>) =>
    waitFor(condition, 10_000, () => `${what}; stdout ${watcher.stdout()}; stderr ${watcher.stderr()}`);

  before(async () => {
    emulator = await startEmulator({ generation: '3.1' });
    work = await mkdtemp(join(tmpdir(), 'dolps-udf-watch-e2e-'));
    dir = join(work, 'resources');
    await put('a.sql', 'select 1;\n');
    watcher = await startWatchProcess([dir, '--state', statePath(), '--debounce', '200'],
      { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: ROOT, DOLPS_UDF_DIR: 'udf' });
  });
  after(async () => {
    await watcher?.stop().catch(() => undefined);
    await emulator?.stop();
    await rm(work, { recursive: true, force: true });
  });

  test('jar and functions.yaml added, a field edited, a bad file stopped before any write, the fix deletes a function', async () => {
    await put('udf/acme-udfs.jar', 'PK-acme-1');
    await put('udf/functions.yaml', `functions:\n${entry('to_upper', 'Upper')}${entry('to_lower', 'Lower')}`);
    await until('functions created', () => fn('to_upper') !== undefined && fn('to_lower') !== undefined);
    const upper = fn('to_upper');
    assert.ok(upper?.resourceName.endsWith(`${ROOT}/acme-udfs.jar`), upper?.resourceName);
    assert.equal(upper?.className, 'com.acme.hive.to_upper');
    assert.match(watcher.stdout(), /func-create to_upper \(com\.acme\.hive\.to_upper, acme-udfs\.jar\)$/m);
    assert.match(watcher.stdout(), /create +udf\/acme-udfs\.jar$/m);
    assert.deepEqual([...(await remoteFiles(emulator, ROOT)).keys()].filter((p) => p.startsWith('udf')), [], 'the UDF folder stays out of the file tree');

    // A field edited: updated in place, same id.
    await put('udf/functions.yaml', `functions:\n${entry('to_upper', 'Upper-case text')}${entry('to_lower', 'Lower')}`);
    await until('function updated', () => fn('to_upper')?.description === 'Upper-case text');
    assert.equal(fn('to_upper')?.id, upper?.id);

    // A bad functions.yaml, with a file change beside it: the error line, and no write at all.
    await until('the last run released its lease', async () => !(await remoteFiles(emulator, ROOT)).has('.dolps-sync-lease.json'));
    emulator.clearRequests();
    await put('udf/functions.yaml', `functions:\n${entry('to_upper', 'Upper-case text').replace('    class:', '    clas:')}`);
    await put('b.sql', 'select 2;\n');
    await until('error reported', () => /error: udf\/functions\.yaml:3 functions\[0\]\.clas: unknown key; did you mean "class"\?/.test(watcher.stderr()));
    assert.equal(emulator.writeCount(), 0, `the run stopped before any write, the lease included: ${emulator.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);

    // The fix (to_lower no longer declared): the function is deleted, and the file change missed meanwhile arrives.
    await put('udf/functions.yaml', `functions:\n${entry('to_upper', 'Upper-case text')}`);
    await until('function deleted and b.sql uploaded', async () => fn('to_lower') === undefined && (await remoteFiles(emulator, ROOT)).has('b.sql'));
    assert.equal(fn('to_upper')?.id, upper?.id);
    assert.match(watcher.stdout(), /func-delete to_lower \(acme-udfs\.jar\)$/m);

    assert.equal(await watcher.stop(), 0);
    const manifest = JSON.parse(await readFile(statePath(), 'utf8')) as { udf?: unknown; files: Record<string, unknown> };
    assert.deepEqual(manifest.udf, { functions: [{ name: 'to_upper', id: upper?.id }], jars: [`${ROOT}/acme-udfs.jar`] });
    assert.deepEqual(Object.keys(manifest.files).sort(), ['a.sql', 'b.sql']);
  });
});
