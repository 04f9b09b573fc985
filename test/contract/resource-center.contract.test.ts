// One contract for every ResourceCenter adapter, run against the emulator of each generation it serves.
// Behaviour a user notices is asserted on the emulator's own state (snapshot) and request log, not on
// what the adapter believes.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { startEmulator } from '../../src/emulator/index.js';
import { detectGeneration } from '../../src/remote/detect.js';
import { RemoteError } from '../../src/remote/errors.js';
import { createHttp } from '../../src/remote/http.js';
import type { ResourceCenter, UploadContent } from '../../src/remote/port.js';
import { createV31Client } from '../../src/remote/v31.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const GENERATIONS = ['3.1', '3.0'] as const;

function bytes(content: Buffer | string): UploadContent {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  return { size: data.length, open: async () => Readable.from([data]) };
}

function everyByte(): Buffer {
  return Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256));
}

async function rejection(promise: Promise<unknown>): Promise<RemoteError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RemoteError, String(error));
    return error;
  }
  assert.fail('expected a RemoteError');
}

for (const generation of GENERATIONS) {
  describe(`ResourceCenter contract, API ${generation}`, () => {
    let emulator: Emulator;
    let center: ResourceCenter;
    const log: string[] = [];

    const connect = async (overrides: { timeoutMs?: number; token?: string } = {}): Promise<ResourceCenter> => {
      const client = createV31Client({
        baseUrl: emulator.url, auth: { token: overrides.token ?? emulator.token }, remoteRoot: '/gitlab', generation,
        timeoutMs: overrides.timeoutMs ?? 5000, retries: 2, backoffMs: 10, logger: (line) => log.push(line),
      });
      await client.connect();
      return client;
    };

    const idOf = async (fullName: string): Promise<number | undefined> => (await emulator.snapshot()).get(fullName)?.id;
    const contentOf = async (fullName: string): Promise<Buffer | undefined> => (await emulator.snapshot()).get(fullName)?.content;

    beforeEach(async () => {
      log.length = 0;
      emulator = await startEmulator({ generation, port: 0 });
      center = await connect();
      await center.mkdir('');
    });

    afterEach(async () => {
      await center.close();
      await emulator.stop();
    });

    it('lists an empty remote root it created, then what was written under it', async () => {
      assert.deepEqual((await center.list({ withSizes: false })).rootExists, true);
      await center.mkdir('sql');
      await center.create('sql/a.sql', bytes('select 1;\n'));
      await center.create('run.sh', bytes('echo hi\n'));
      const index = await center.list({ withSizes: true });
      assert.deepEqual([...index.entries.values()].sort((a, b) => a.path.localeCompare(b.path)), [
        { path: 'run.sh', kind: 'file', size: 8 }, { path: 'sql', kind: 'dir' }, { path: 'sql/a.sql', kind: 'file', size: 10 },
      ]);
      assert.match(index.source, /^API tree listing and \d+ directory pages?$/);
    });

    it('reports a missing remote root', async () => {
      const other = createV31Client({ baseUrl: emulator.url, auth: { token: emulator.token }, remoteRoot: '/not/there', generation, timeoutMs: 5000, retries: 0 });
      assert.equal((await other.list({ withSizes: false })).rootExists, false);
      await other.close();
    });

    it('stores bytes exactly and downloads them back', async () => {
      await center.create('all-bytes.bin', bytes(everyByte()));
      assert.ok((await contentOf('/gitlab/all-bytes.bin'))?.equals(everyByte()));
      assert.ok((await center.download('all-bytes.bin')).equals(everyByte()));
    });

    it('keeps unicode and quotes in names', async () => {
      const name = 'données "v2" 中文.sh';
      await center.create(name, bytes('echo'));
      assert.equal((await contentOf(`/gitlab/${name}`))?.toString(), 'echo');
      assert.ok((await center.list({ withSizes: false })).entries.has(name));
    });

    it('update replaces the content in place: same id', async () => {
      await center.create('a.sh', bytes('v1'));
      const id = await idOf('/gitlab/a.sh');
      await center.update('a.sh', bytes('version 2'));
      assert.equal(await idOf('/gitlab/a.sh'), id);
      assert.equal((await contentOf('/gitlab/a.sh'))?.toString(), 'version 2');
    });

    it('rename keeps the id, for files and for directories', async () => {
      await center.mkdir('d');
      await center.create('d/a.sh', bytes('a'));
      const fileId = await idOf('/gitlab/d/a.sh');
      const dirId = await idOf('/gitlab/d');
      await center.rename('d/a.sh', 'd/b.sh');
      await center.rename('d', 'e');
      assert.equal(await idOf('/gitlab/e/b.sh'), fileId);
      assert.equal(await idOf('/gitlab/e'), dirId);
      assert.equal((await center.download('e/b.sh')).toString(), 'a');
    });

    it('deletes files and empty directories; deleting what is gone is success', async () => {
      await center.mkdir('d');
      await center.create('d/a.sh', bytes('a'));
      await center.remove('d/a.sh', 'file');
      await center.remove('d', 'dir');
      await center.remove('d', 'dir');
      await center.remove('never.sh', 'file');
      assert.deepEqual([...(await emulator.snapshot()).keys()].filter((k) => k.startsWith('/gitlab/')), []);
    });

    it(generation === '3.1' ? 'refuses to delete a non-empty directory (20018)' : 'deletes a non-empty directory with its content', async () => {
      await center.mkdir('d');
      await center.create('d/a.sh', bytes('a'));
      if (generation === '3.1') {
        const error = await rejection(center.remove('d', 'dir'));
        assert.equal(error.dsCode, 20018);
        assert.equal(error.kind, 'rejected');
        assert.ok(await idOf('/gitlab/d/a.sh'));
      } else {
        await center.remove('d', 'dir');
        assert.equal(await idOf('/gitlab/d/a.sh'), undefined);
        assert.equal(await idOf('/gitlab/d'), undefined);
      }
    });

    it('a second create of the same path is refused (20005)', async () => {
      await center.create('a.sh', bytes('one'));
      const other = await connect();
      const error = await rejection(other.create('a.sh', bytes('two')));
      await other.close();
      assert.equal(error.dsCode, 20005);
      assert.equal(error.message, 'create /gitlab/a.sh: server code 20005 "resource already exists"');
    });

    it('an empty file is refused (10062)', async () => {
      const error = await rejection(center.create('empty.txt', bytes('')));
      assert.equal(error.dsCode, 10062);
    });

    it('a full name over 128 characters is refused (1300015)', async () => {
      const name = `${'x'.repeat(60)}.sh`;
      await center.mkdir('d'.repeat(60));
      assert.ok(center.fullNameLength(`${'d'.repeat(60)}/${name}`) > 128);
      const error = await rejection(center.create(`${'d'.repeat(60)}/${name}`, bytes('x')));
      assert.equal(error.dsCode, 1300015);
    });

    it('a resource used by an online workflow cannot be deleted (20014)', async () => {
      await center.create('used.sh', bytes('x'));
      emulator.markInUse('/gitlab/used.sh');
      const error = await rejection(center.remove('used.sh', 'file'));
      assert.equal(error.dsCode, 20014);
      assert.match(error.message, /^delete \/gitlab\/used\.sh: server code 20014 /);
    });

    it('a wrong token is an auth error', async () => {
      const error = await rejection(connect({ token: 'not-the-token' }));
      assert.equal(error.kind, 'auth');
      assert.ok(!error.message.includes('not-the-token'));
    });

    it('a create whose answer never comes is checked and sent again, not duplicated', async () => {
      const hurried = await connect({ timeoutMs: 300 });
      emulator.addFault({ method: 'POST', pathPrefix: '/resources', times: 1, hang: true });
      await hurried.create('slow.sh', bytes('x'));
      await hurried.close();
      assert.equal((await contentOf('/gitlab/slow.sh'))?.toString(), 'x');
      const creates = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/resources');
      assert.equal(creates.length, 2, 'the lost POST and the one sent after checking the path');
      assert.ok(log.some((line) => line.includes('create /gitlab/slow.sh: the answer was lost and the resource is not there; sending it again')), log.join('\n'));
    });

    it('detection names this generation', async () => {
      const http = createHttp({ baseUrl: emulator.url, auth: { token: emulator.token }, timeoutMs: 5000, retries: 0 });
      try {
        assert.equal((await detectGeneration(http)).generation, generation);
      } finally {
        http.close();
      }
    });

    it('logs in with a user and password instead of a token', async () => {
      const client = createV31Client({
        baseUrl: emulator.url, auth: { user: 'admin', password: 'dolphinscheduler123' }, remoteRoot: '/gitlab', generation, timeoutMs: 5000, retries: 0,
      });
      await client.connect();
      await client.create('by-session.sh', bytes('x'));
      await client.close();
      assert.equal((await contentOf('/gitlab/by-session.sh'))?.toString(), 'x');
      const refused = createV31Client({
        baseUrl: emulator.url, auth: { user: 'admin', password: 'wrong-password' }, remoteRoot: '/gitlab', generation, timeoutMs: 5000, retries: 0,
      });
      const error = await rejection(refused.connect());
      await refused.close();
      assert.equal(error.kind, 'auth');
      assert.equal(error.dsCode, 10013);
      assert.ok(!error.message.includes('wrong-password'));
    });

    it('a user without a tenant is warned at connect and refused with 10181 on upload', async () => {
      const lonely = await startEmulator({ generation, port: 0, users: [{ name: 'alice', password: 'pw', tenant: null }] });
      const lines: string[] = [];
      const client = createV31Client({ baseUrl: lonely.url, auth: { token: lonely.token }, remoteRoot: '/', generation, timeoutMs: 5000, retries: 0, logger: (l) => lines.push(l) });
      try {
        await client.connect();
        assert.ok(lines.some((l) => l.includes('user "alice" has no tenant')), lines.join('\n'));
        assert.match(client.describe(), /user alice, tenant none/);
        const error = await rejection(client.create('a.sh', bytes('x')));
        assert.equal(error.dsCode, 10181);
        assert.match(error.message, /^create \/a\.sh: server code 10181 ".*"; the DolphinScheduler user has no tenant: assign one/);
      } finally {
        await client.close();
        await lonely.stop();
      }
    });

    it('reading makes no writes', async () => {
      await center.create('a.sh', bytes('a'));
      const before = emulator.writeCount();
      await center.list({ withSizes: true });
      await center.download('a.sh');
      assert.equal(emulator.writeCount(), before);
    });
  });
}
