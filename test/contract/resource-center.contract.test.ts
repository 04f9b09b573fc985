// One contract for every ResourceCenter adapter, run against the emulator of each generation it serves.
// Behaviour a user notices is asserted on the emulator's own state (snapshot, keyed by "/gitlab/a.sh" below
// the tenant's resource directory on 3.2/3.3) and request log, not on what the adapter believes. Where the
// generations differ, the expectation follows the adapter's declared capabilities.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { startEmulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { detectGeneration } from '../../src/remote/detect.js';
import { RemoteError } from '../../src/remote/errors.js';
import { createHttp, type Credentials } from '../../src/remote/http.js';
import type { ResourceCenter, UploadContent } from '../../src/remote/port.js';
import type { Generation } from '../../src/core/capabilities.js';
import { openAdapter } from '../helpers/open-adapter.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const GENERATIONS: readonly Generation[] = ['3.1', '3.0', '3.2', '3.3'];
/** The storage base each 3.2/3.3 emulator uses by default (LOCAL storage in common.properties). */
const DEFAULT_BASE: Partial<Record<Generation, string>> = { '3.2': 'file:/dolphinscheduler', '3.3': 'file:/tmp/dolphinscheduler' };

interface ClientOptions {
  url: string;
  auth: Credentials;
  remoteRoot?: string;
  timeoutMs?: number;
  retries?: number;
  logger?: (line: string) => void;
}

function clientFor(generation: Generation, o: ClientOptions): ResourceCenter {
  return openAdapter(generation, {
    baseUrl: o.url, auth: o.auth, remoteRoot: o.remoteRoot ?? '/gitlab', timeoutMs: o.timeoutMs ?? 5000,
    retries: o.retries ?? 2, backoffMs: 10, log: o.logger,
  });
}

/** The full name the server reports for a path below the remote root, as error messages name it. */
function fullNameFor(generation: Generation, logical: string, base = DEFAULT_BASE[generation]): string {
  return base === undefined ? logical : `${base}/default/resources${logical}`;
}

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
      const client = clientFor(generation, {
        url: emulator.url, auth: { token: overrides.token ?? emulator.token }, timeoutMs: overrides.timeoutMs, logger: (line) => log.push(line),
      });
      await client.connect();
      return client;
    };

    const snapshot = async () => emulator.snapshot();
    const idOf = async (fullName: string): Promise<number | undefined> => (await snapshot()).get(fullName)?.id;
    const contentOf = async (fullName: string): Promise<Buffer | undefined> => (await snapshot()).get(fullName)?.content;
    const under = async (prefix: string): Promise<string[]> => [...(await snapshot()).keys()].filter((k) => k.startsWith(prefix)).sort();

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
      await center.mkdir('empty');
      await center.create('sql/a.sql', bytes('select 1;\n'));
      await center.create('run.sh', bytes('echo hi\n'));
      const index = await center.list({ withSizes: true });
      // Every generation's paged listing says when each file last changed (the marker's content identities rely on it).
      for (const entry of index.entries.values()) if (entry.kind === 'file') assert.match(entry.updateTime ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/, entry.path);
      assert.deepEqual([...index.entries.values()].map(({ updateTime: _, ...rest }) => rest).sort((a, b) => a.path.localeCompare(b.path)), [
        { path: 'empty', kind: 'dir' }, { path: 'run.sh', kind: 'file', size: 8 }, { path: 'sql', kind: 'dir' }, { path: 'sql/a.sql', kind: 'file', size: 10 },
      ]);
      assert.match(index.source, /^API (tree listing and \d+ directory pages?|directory listing \(\d+ pages?\))$/);
      const plain = await center.list({ withSizes: false });
      assert.deepEqual([...plain.entries.keys()].sort(), ['empty', 'run.sh', 'sql', 'sql/a.sql']);
    });

    // ResourcesServiceImpl.createResource / updateResource (3.0.6, 3.1.9) answer the Resource they wrote; 3.2/3.3 answer data: null.
    it(generation === '3.0' || generation === '3.1'
      ? 'a create, a rename and a re-upload answer the file\'s size and update time, as a listing then shows them'
      : 'writes answer no file facts (data: null): only a listing tells them', async () => {
      const created = await center.create('facts.sh', bytes('abc'));
      const renamed = await center.rename('facts.sh', 'facts2.sh');
      const updated = await center.update('facts2.sh', bytes('abcdef'));
      if (generation !== '3.0' && generation !== '3.1') {
        assert.deepEqual([created, renamed, updated], [undefined, undefined, undefined]);
        return;
      }
      assert.deepEqual([created?.size, renamed?.size, updated?.size], [3, 3, 6]);
      for (const answer of [created, renamed, updated]) assert.match(answer?.updateTime ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      const listed = (await center.list({ withSizes: true })).entries.get('facts2.sh');
      assert.deepEqual({ size: listed?.size, updateTime: listed?.updateTime }, updated);
    });

    it('without sizes, the directories asked for (drift, issue 12) are listed with size and update time all the same, and only those', async () => {
      await center.mkdir('sql');
      await center.mkdir('other');
      await center.create('sql/a.sql', bytes('select 1;\n'));
      await center.create('other/b.sql', bytes('select 22;\n'));
      await center.create('run.sh', bytes('echo hi\n'));
      const detailed = (await center.list({ withSizes: false, detailsIn: new Set(['sql', '']) })).entries;
      const plain = (await center.list({ withSizes: false })).entries;
      for (const path of ['sql/a.sql', 'run.sh']) {
        assert.match(detailed.get(path)?.updateTime ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/, path);
        assert.equal(detailed.get(path)?.size, path === 'run.sh' ? 8 : 10);
      }
      assert.deepEqual(detailed.get('other/b.sql'), plain.get('other/b.sql'), 'a directory not asked for is listed as without details');
      // detailsOnly (the listing after a run's writes): those directories' files with details; 3.2/3.3 read nothing else.
      emulator.clearRequests();
      const only = (await center.list({ withSizes: false, detailsIn: new Set(['sql']), detailsOnly: true })).entries;
      assert.equal(only.get('sql/a.sql')?.size, 10);
      assert.match(only.get('sql/a.sql')?.updateTime ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      if (generation === '3.2' || generation === '3.3') {
        assert.deepEqual([...only.keys()], ['sql/a.sql']);
        assert.equal(emulator.requests.length, 1, emulator.requests.map((r) => `${r.method} ${r.path}`).join(', '));
      }
    });

    it('reports a missing remote root', async () => {
      const other = clientFor(generation, { url: emulator.url, auth: { token: emulator.token }, remoteRoot: '/not/there', retries: 0 });
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

    it('update replaces the content in place (same id where ids exist, same full name always)', async () => {
      await center.create('a.sh', bytes('v1'));
      const id = await idOf('/gitlab/a.sh');
      await center.update('a.sh', bytes('version 2'));
      if (center.capabilities.renameKeepsIdentity) assert.equal(await idOf('/gitlab/a.sh'), id);
      assert.equal((await contentOf('/gitlab/a.sh'))?.toString(), 'version 2');
      assert.deepEqual(await under('/gitlab/'), ['/gitlab/a.sh']);
    });

    it('renames files and directories within their directory; the id survives only where renameKeepsIdentity', async () => {
      await center.mkdir('d');
      await center.create('d/a.sh', bytes('a'));
      const fileId = await idOf('/gitlab/d/a.sh');
      const dirId = await idOf('/gitlab/d');
      await center.rename('d/a.sh', 'd/b.sh');
      await center.rename('d', 'e');
      assert.deepEqual(await under('/gitlab/'), ['/gitlab/e', '/gitlab/e/b.sh']);
      if (center.capabilities.renameKeepsIdentity) {
        assert.equal(await idOf('/gitlab/e/b.sh'), fileId);
        assert.equal(await idOf('/gitlab/e'), dirId);
      } else {
        assert.equal((await rejection(center.download('d/a.sh'))).kind, 'notFound', 'the old full name is gone');
      }
      assert.equal((await center.download('e/b.sh')).toString(), 'a');
    });

    it('deletes files and empty directories; deleting what is gone is success', async () => {
      await center.mkdir('d');
      await center.create('d/a.sh', bytes('a'));
      await center.remove('d/a.sh', 'file');
      await center.remove('d', 'dir');
      await center.remove('d', 'dir');
      await center.remove('never.sh', 'file');
      assert.deepEqual(await under('/gitlab/'), []);
    });

    it('a non-empty directory: deleted with its content where recursiveDelete, refused (20018) otherwise', async () => {
      await center.mkdir('d');
      await center.create('d/a.sh', bytes('a'));
      if (center.capabilities.recursiveDelete) {
        await center.remove('d', 'dir');
        assert.deepEqual(await under('/gitlab/'), []);
      } else {
        const error = await rejection(center.remove('d', 'dir'));
        assert.equal(error.dsCode, 20018);
        assert.equal(error.kind, 'rejected');
        assert.deepEqual(await under('/gitlab/'), ['/gitlab/d', '/gitlab/d/a.sh']);
      }
    });

    it('a second create of the same path is refused, naming the full name, code and message', async () => {
      await center.create('a.sh', bytes('one'));
      const other = await connect();
      const error = await rejection(other.create('a.sh', bytes('two')));
      await other.close();
      const fullName = fullNameFor(generation, '/gitlab/a.sh');
      assert.equal(error.kind, 'rejected');
      assert.equal(error.message, generation === '3.3'
        ? `create ${fullName}: server code 10000 "Internal Server Error: The resource is already exist: ${fullName}"`
        : `create ${fullName}: server code 20005 "resource already exists"`);
      assert.equal((await contentOf('/gitlab/a.sh'))?.toString(), 'one');
    });

    it('an empty file is stored where emptyFiles, refused (10062) otherwise', async () => {
      if (center.capabilities.emptyFiles) {
        await center.create('empty.txt', bytes(''));
        assert.equal((await contentOf('/gitlab/empty.txt'))?.length, 0);
        assert.equal((await center.download('empty.txt')).length, 0);
      } else {
        assert.equal((await rejection(center.create('empty.txt', bytes('')))).dsCode, 10062);
      }
    });

    it('a full name over 128 characters is refused (1300015) where maxFullNameLength says so', async () => {
      const path = `${'d'.repeat(60)}/${'x'.repeat(60)}.sh`;
      await center.mkdir('d'.repeat(60));
      if (center.capabilities.maxFullNameLength === null) {
        await center.create(path, bytes('x'));
        assert.equal((await contentOf(`/gitlab/${path}`))?.toString(), 'x');
      } else {
        assert.ok(center.fullNameLength(path) > center.capabilities.maxFullNameLength);
        assert.equal((await rejection(center.create(path, bytes('x')))).dsCode, 1300015);
      }
    });

    it('parents: created implicitly where implicitParents, required otherwise', async () => {
      if (center.capabilities.implicitParents) {
        await center.create('p/q/r.sh', bytes('x'));
        assert.deepEqual(await under('/gitlab/'), ['/gitlab/p', '/gitlab/p/q', '/gitlab/p/q/r.sh']);
      } else {
        assert.equal((await rejection(center.create('p/q/r.sh', bytes('x')))).kind, 'notFound');
        assert.deepEqual(await under('/gitlab/'), []);
      }
    });

    it('extensions: a file needs one and a directory name has no dot where the capabilities say so', async () => {
      const caps = center.capabilities;
      if (caps.fileNeedsExtension) {
        const error = await rejection(center.create('Makefile', bytes('all:')));
        assert.match(error.message, /"Internal Server Error: The path is not a file: .*\/gitlab\/Makefile"; DolphinScheduler 3\.3 decides file or directory by the extension/);
      } else {
        await center.create('Makefile', bytes('all:'));
      }
      if (caps.dirNameMayHaveDot) {
        await center.mkdir('v1.2');
      } else {
        assert.match((await rejection(center.mkdir('v1.2'))).message, /The path is not a directory: /);
      }
      const expected = [caps.fileNeedsExtension ? [] : ['/gitlab/Makefile'], caps.dirNameMayHaveDot ? ['/gitlab/v1.2'] : []].flat();
      assert.deepEqual(await under('/gitlab/'), expected);
    });

    // The in-use check (20014) is a 3.0/3.1 server rule; 3.2 and 3.3 have none (issue #15003, reverted by #15020).
    it(generation === '3.0' || generation === '3.1' ? 'a resource used by an online workflow cannot be deleted (20014)' : 'a resource used by a workflow is deleted like any other', async () => {
      await center.create('used.sh', bytes('x'));
      await emulator.seedWorkflows({ projects: [{ name: 'uses', workflows: [{ name: 'w', online: true, tasks: [{ name: 't', resources: ['/gitlab/used.sh'] }] }] }] });
      if (generation === '3.0' || generation === '3.1') {
        const error = await rejection(center.remove('used.sh', 'file'));
        assert.equal(error.dsCode, 20014);
        assert.match(error.message, /^delete \/gitlab\/used\.sh: server code 20014 /);
      } else {
        await center.remove('used.sh', 'file');
        assert.deepEqual(await under('/gitlab/'), []);
      }
    });

    it('a wrong token is an auth error', async () => {
      const error = await rejection(connect({ token: 'not-the-token' }));
      assert.equal(error.kind, 'auth');
      assert.ok(!error.message.includes('not-the-token'));
    });

    it('a create whose answer never comes is checked and sent again, not duplicated', async () => {
      // The hung POST costs the whole timeout, and every other request must answer within it: 300 ms was
      // exceeded by the check or the second POST on a loaded machine (2 cores, 3 test files at once).
      const hurried = await connect({ timeoutMs: 1500 });
      await hurried.list({ withSizes: false });
      emulator.addFault({ method: 'POST', pathPrefix: '/resources', times: 1, hang: true });
      await hurried.create('slow.sh', bytes('x'));
      await hurried.close();
      assert.equal((await contentOf('/gitlab/slow.sh'))?.toString(), 'x');
      const creates = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/resources');
      assert.equal(creates.length, 2, 'the lost POST and the one sent after checking the path');
      const fullName = fullNameFor(generation, '/gitlab/slow.sh');
      assert.ok(log.some((line) => line.includes(`create ${fullName}: the answer was lost and the resource is not there; sending it again`)), log.join('\n'));
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
      const client = clientFor(generation, { url: emulator.url, auth: { user: 'admin', password: 'dolphinscheduler123' }, retries: 0 });
      await client.connect();
      await client.create('by-session.sh', bytes('x'));
      await client.close();
      assert.equal((await contentOf('/gitlab/by-session.sh'))?.toString(), 'x');
      const refused = clientFor(generation, { url: emulator.url, auth: { user: 'admin', password: 'wrong-password' }, retries: 0 });
      const error = await rejection(refused.connect());
      await refused.close();
      assert.equal(error.kind, 'auth');
      assert.equal(error.dsCode, 10013);
      assert.ok(!error.message.includes('wrong-password'));
    });

    it('a user without a tenant is told at connect, and nothing is uploaded (10181)', async () => {
      const lonely = await startEmulator({ generation, port: 0, users: [{ name: 'alice', password: 'pw', tenant: null }] });
      const lines: string[] = [];
      const client = clientFor(generation, { url: lonely.url, auth: { token: lonely.token }, remoteRoot: '/', retries: 0, logger: (l) => lines.push(l) });
      try {
        if (generation === '3.0' || generation === '3.1') {
          // 3.0/3.1 can still list; only writes need the tenant.
          await client.connect();
          assert.ok(lines.some((l) => l.includes('user "alice" has no tenant')), lines.join('\n'));
          assert.match(client.describe(), /user alice, tenant none/);
          const error = await rejection(client.create('a.sh', bytes('x')));
          assert.equal(error.dsCode, 10181);
          assert.match(error.message, /^create \/a\.sh: server code 10181 ".*"; the DolphinScheduler user has no tenant: assign one/);
        } else {
          // From 3.2 on even the resource directory is the tenant's: base-dir answers 10181.
          const error = await rejection(client.connect());
          assert.equal(error.dsCode, 10181);
          assert.match(error.message, /^connect: server code 10181 ".*"; the DolphinScheduler user has no tenant: assign one/);
          assert.equal(lonely.writeCount(), 0);
        }
      } finally {
        await client.close();
        await lonely.stop();
      }
    });

    it('reading makes no writes', async () => {
      await center.create('a.sh', bytes('a'));
      const before = emulator.writeCount();
      await center.list({ withSizes: true });
      await center.list({ withSizes: false });
      await center.download('a.sh');
      assert.equal(emulator.writeCount(), before);
    });
  });
}

// What only the storage-path generations have: a storage base taken from the server, and (3.2.0/3.2.1) a
// currentDir the server may ignore.
for (const generation of ['3.2', '3.3'] as const) {
  describe(`ResourceCenter contract, API ${generation} storage`, () => {
    const started: Emulator[] = [];
    const start = async (options: Partial<EmulatorOptions>): Promise<Emulator> => {
      const emulator = await startEmulator({ generation, port: 0, ...options });
      started.push(emulator);
      return emulator;
    };

    afterEach(async () => {
      for (const emulator of started.splice(0)) await emulator.stop();
    });

    it('takes a non-default storage base from the server and names resources with it', async () => {
      const base = 'hdfs://namenode:8020/data/ds';
      const emulator = await start({ storageBaseUri: base });
      const client = clientFor(generation, { url: emulator.url, auth: { token: emulator.token } });
      try {
        await client.connect();
        assert.match(client.describe(), new RegExp(`remote root ${base}/default/resources/gitlab/?, user admin, tenant default$`));
        await client.create('sql/a.sql', bytes('select 1;'));
        assert.equal(client.fullNameLength('sql/a.sql'), `${base}/default/resources/gitlab/sql/a.sql`.length);
        assert.deepEqual([...(await client.list({ withSizes: true })).entries.values()].map(({ updateTime: _, ...rest }) => rest).sort((a, b) => a.path.localeCompare(b.path)), [
          { path: 'sql', kind: 'dir' }, { path: 'sql/a.sql', kind: 'file', size: 9 },
        ]);
        assert.equal((await emulator.snapshot()).get('/gitlab/sql/a.sql')?.content?.toString(), 'select 1;');
        const error = await rejection(client.create('sql/a.sql', bytes('again')));
        assert.ok(error.message.startsWith(`create ${base}/default/resources/gitlab/sql/a.sql: `), error.message);
      } finally {
        await client.close();
      }
    });

    if (generation === '3.2') {
      it('on a 3.2.0/3.2.1 server (currentDir fallback), every write lands where asked, never at the top level', async () => {
        const emulator = await start({ quirks: { legacyCurrentDir: true } });
        const client = clientFor(generation, { url: emulator.url, auth: { token: emulator.token } });
        try {
          await client.connect();
          await client.mkdir('');
          await client.mkdir('sql');
          await client.create('sql/a.sql', bytes('a'));
          await client.create('sql/deep/b.sql', bytes('b'));
          await client.create('top.sh', bytes('t'));
          await client.rename('sql/a.sql', 'sql/c.sql');
          assert.deepEqual([...(await emulator.snapshot()).keys()].sort(), [
            '/gitlab', '/gitlab/sql', '/gitlab/sql/c.sql', '/gitlab/sql/deep', '/gitlab/sql/deep/b.sql', '/gitlab/top.sh',
          ]);
          const creates = emulator.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/resources'));
          assert.equal(creates.length, 5, 'one request per create (2 mkdir, 3 uploads): nothing written twice or elsewhere');
        } finally {
          await client.close();
        }
      });

      it('on a 3.2.0/3.2.1 server whose base-dir leads elsewhere, at most the probe is written and nothing after it', async () => {
        const emulator = await start({ quirks: { legacyCurrentDir: true } });
        // A base-dir answer inside the storage base but not the user's resource directory: the one way the
        // fallback can trigger, since the adapter builds currentDir from base-dir.
        emulator.addFault({ method: 'GET', pathPrefix: '/resources/base-dir', status: 200, body: JSON.stringify({ code: 0, msg: 'success', data: 'file:/dolphinscheduler/nested', success: true, failed: false }) });
        const client = clientFor(generation, { url: emulator.url, auth: { token: emulator.token } });
        try {
          await client.connect();
          const results = await Promise.allSettled([client.create('sql/a.sql', bytes('a')), client.create('sql/b.sql', bytes('b')), client.mkdir('docs')]);
          assert.ok(results.every((r) => r.status === 'rejected'));
          const creates = emulator.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/resources'));
          assert.equal(creates.length, 1, 'only the probe was sent');
          const messages = results.map((r) => (r.status === 'rejected' ? String((r.reason as Error).message) : ''));
          assert.ok(messages.some((m) => m.includes('it probably ignored currentDir, as DolphinScheduler 3.2.0 and 3.2.1 do (issue #16502)')), messages.join('\n'));
          assert.ok((await emulator.snapshot()).size <= 1, 'at most the probe\'s one stray');
        } finally {
          await client.close();
        }
      });
    }
  });
}
