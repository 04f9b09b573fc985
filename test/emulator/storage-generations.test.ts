// 3.2 and 3.3 as test instruments: the version probes of reference §8, the options that only they
// take (storageBaseUri, quirks), the 3.1-shaped snapshot, and the dolps-emulator flags.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { startEmulator } from '../../src/emulator/index.js';
import { detectGeneration } from '../../src/remote/detect.js';
import { createHttp } from '../../src/remote/http.js';
import { code } from './support.js';
import { freshStorage, ROOT_32, ROOT_33 } from './storage-support.js';

test('probe: base-dir answers code 0 on 3.2 and 3.3; verify-name is JSON on 3.2 and HTTP 404 on 3.3', async (t) => {
  const v32 = await freshStorage(t, '3.2');
  const v33 = await freshStorage(t, '3.3');
  for (const { api } of [v32, v33]) assert.equal(code(await api.get('/resources/base-dir', { type: 'FILE' })), 0);
  const probe = { fullName: `${ROOT_32}/dolps-sync-probe`, type: 'FILE' };
  const on32 = await v32.api.get('/resources/verify-name', probe);
  assert.deepEqual([on32.status, on32.json?.code], [200, 0]);
  assert.equal((await v33.api.get('/resources/verify-name', probe)).status, 404);
});

for (const generation of ['3.2', '3.3'] as const) {
  test(`detectGeneration finds ${generation} on the ${generation} emulator`, async (t) => {
    const { emu } = await freshStorage(t, generation);
    const http = createHttp({ baseUrl: emu.url, auth: { token: emu.token }, timeoutMs: 5000, retries: 0 });
    t.after(() => http.close());
    assert.equal((await detectGeneration(http)).generation, generation);
  });
}

test('snapshot keeps the 3.1 shape: "/" + path below the tenant root, directories included, id 0, description ""', async (t) => {
  for (const [generation, parent] of [['3.2', `${ROOT_32}/gitlab/`], ['3.3', `${ROOT_33}/gitlab`]] as const) {
    const { rc, emu } = await freshStorage(t, generation);
    await rc.mkdir('gitlab');
    await rc.upload('a.sh', 'echo', parent);
    assert.deepEqual([...(await emu.snapshot()).entries()], [
      ['/gitlab', { kind: 'dir', id: 0, description: '' }],
      ['/gitlab/a.sh', { kind: 'file', id: 0, description: '', content: Buffer.from('echo') }],
    ], generation);
  }
});

test('the request log and writeCount work the same on 3.2', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  await rc.mkdir('d');
  await rc.mkdir('d'); // 20005, still an attempt
  await rc.list();
  assert.equal(emu.writeCount(), 2);
  assert.deepEqual(emu.requests.map((r) => [r.method, r.path, r.dsCode]),
    [['POST', '/resources/directory', 0], ['POST', '/resources/directory', 20005], ['GET', '/resources/list', 0]]);
});

test('options that a generation would ignore are refused by startEmulator', async () => {
  await assert.rejects(startEmulator({ generation: '3.1', storageBaseUri: 'file:/x' }), /3\.2 and 3\.3 only/);
  await assert.rejects(startEmulator({ generation: '3.1', quirks: { legacyCurrentDir: true } }), /does not apply to API 3\.1/);
  await assert.rejects(startEmulator({ generation: '3.3', quirks: { legacyCurrentDir: true } }), /does not apply to API 3\.3/);
});

for (const uri of ['file:/', '/dolphinscheduler', 'file:/ds/', 'file://ds', 'file:/a//b', 'file:/a/../b']) {
  test(`a storage base URI that the server would not print ("${uri}") is refused`, async () => {
    await assert.rejects(startEmulator({ generation: '3.2', storageBaseUri: uri }), /is not a qualified URI with a path/);
  });
}

const mainJs = fileURLToPath(new URL('../../src/emulator/main.js', import.meta.url));

async function startCli(args: string[]): Promise<{ url: string; stop: () => Promise<number> }> {
  const child = spawn(process.execPath, [mainJs, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const [chunk] = await once(child.stdout, 'data') as [Buffer];
  const match = /listening on (\S+) token/.exec(chunk.toString());
  assert.ok(match, chunk.toString());
  return {
    url: match[1] as string,
    stop: async () => {
      child.kill('SIGTERM');
      return ((await once(child, 'exit')) as [number])[0];
    },
  };
}

test('dolps-emulator --api 3.2 --quirk legacy-current-dir plays 3.2.0/3.2.1', async () => {
  const cli = await startCli(['--api', '3.2', '--quirk', 'legacy-current-dir']);
  const answer = await fetch(`${cli.url}/resources/directory`, {
    method: 'POST', headers: { token: 'dolps-emulator-token' },
    body: new URLSearchParams({ type: 'FILE', name: 'd', pid: '-1', currentDir: '/gitlab' }),
  });
  assert.equal(((await answer.json()) as { code: number }).code, 0);
  assert.equal(await cli.stop(), 0);
});

test('dolps-emulator --api 3.3 --storage-base-uri names resources under that URI', async () => {
  const cli = await startCli(['--api', '3.3', '--storage-base-uri', 'hdfs://nn:8020/ds']);
  const answer = await fetch(`${cli.url}/resources/base-dir?type=FILE`, { headers: { token: 'dolps-emulator-token' } });
  assert.equal(((await answer.json()) as { data: string }).data, 'hdfs://nn:8020/ds/default/resources');
  assert.equal(await cli.stop(), 0);
});

test('dolps-emulator --quirk with an unknown name exits 2 and lists the known ones', async () => {
  const child = spawn(process.execPath, [mainJs, '--api', '3.2', '--quirk', 'nope'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const [exitCode] = await once(child, 'exit') as [number];
  assert.equal(exitCode, 2);
  assert.match(stderr, /--quirk nope is not known; choose one of legacy-current-dir\n/);
});
