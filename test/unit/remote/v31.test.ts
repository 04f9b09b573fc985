import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import type { LogEntry } from '../../../src/core/logger.js';
import type { ResourceCenter, UploadContent } from '../../../src/remote/port.js';
import { RemoteError } from '../../../src/remote/errors.js';
import { openAdapter, type AdapterOptions } from '../../helpers/open-adapter.js';
import { reply } from './local-server.js';
import { startFakeV31, type FakeV31 } from './fake-v31.js';

const TOKEN = 'secret-token';
let fake: FakeV31 | undefined;
let center: ResourceCenter | undefined;

afterEach(async () => {
  await center?.close();
  await fake?.close();
  center = undefined;
  fake = undefined;
});

async function setup(options: Partial<AdapterOptions> = {}, fakeOptions: { tenant?: boolean } = {}): Promise<{ fake: FakeV31; center: ResourceCenter; log: string[] }> {
  fake = await startFakeV31(fakeOptions);
  const log: string[] = [];
  center = openAdapter('3.1', {
    baseUrl: fake.server.baseUrl, auth: { token: TOKEN }, remoteRoot: '/gitlab',
    timeoutMs: 2000, retries: 2, backoffMs: 5, log: (line) => log.push(line), ...options,
  });
  return { fake, center, log };
}

function text(value: string): UploadContent {
  const bytes = Buffer.from(value);
  return { size: bytes.length, open: async () => Readable.from([bytes]) };
}

function requests(f: FakeV31, method: string, path: string): number {
  return f.server.received.filter((r) => r.method === method && r.url.pathname === `/dolphinscheduler/${path}`).length;
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

describe('v31: capabilities and names', () => {
  it('declares 3.1 and 3.0 capabilities; only 3.0 deletes directories recursively', async () => {
    const { center: c31 } = await setup();
    assert.deepEqual(c31.capabilities, {
      generation: '3.1', renameKeepsIdentity: true, canRename: true, implicitParents: false, recursiveDelete: false,
      emptyFiles: false, fileNeedsExtension: false, dirNameMayHaveDot: true, maxNameLength: 64, maxFullNameLength: 128,
      maxFileSize: 1024 ** 3,
      forbiddenInPath: [],
      keepsResourceTable: true,
    });
    const c30 = openAdapter('3.0', { baseUrl: 'http://127.0.0.1:9/dolphinscheduler', auth: { token: TOKEN }, remoteRoot: '/', timeoutMs: 100, retries: 0 });
    assert.equal(c30.capabilities.recursiveDelete, true);
    assert.equal(c30.capabilities.generation, '3.0');
    assert.equal(c30.fullNameLength('dir/a.sh'), '/dir/a.sh'.length);
    await c30.close();
  });

  it('measures the full name the server stores', async () => {
    const { center: c } = await setup();
    assert.equal(c.fullNameLength('dir/a.sh'), '/gitlab/dir/a.sh'.length);
    assert.equal(c.fullNameLength('中文.sh'), '/gitlab/中文.sh'.length);
  });

  for (const bad of ['../x.sh', '/etc/passwd', 'a//b.sh', 'a/./b.sh', 'a/../../b.sh', 'a/', 'x\0y']) {
    it(`refuses a path that leaves the remote root: ${JSON.stringify(bad)}`, async () => {
      const { fake: f, center: c } = await setup();
      const error = await rejection(c.create(bad, text('x')));
      assert.equal(error.kind, 'rejected');
      assert.match(error.message, /^refusing to create /);
      await assert.rejects(c.remove(bad, 'file'), RemoteError);
      await assert.rejects(c.mkdir(bad), RemoteError);
      assert.equal(f.server.received.length, 0, 'nothing was sent');
    });
  }

  it('refuses to delete, rename or upload over the remote root itself', async () => {
    const { center: c } = await setup();
    await assert.rejects(c.remove('', 'dir'), /refusing to delete the remote root \/gitlab itself/);
    await assert.rejects(c.create('', text('x')), RemoteError);
  });
});

describe('v31: connect', () => {
  it('checks the token with one authenticated request and describes where it works', async () => {
    const { fake: f, center: c } = await setup();
    await c.connect();
    assert.equal(f.server.received.length, 1);
    assert.equal(f.server.received[0]?.url.pathname, '/dolphinscheduler/users/get-user-info');
    assert.equal(c.describe(), `DolphinScheduler 3.1 API at 127.0.0.1:${f.server.port}, remote root /gitlab, user admin, tenant id 1`);
  });

  it('a refused token is an auth error that never shows the token', async () => {
    const { center: c } = await setup({ auth: { token: 'wrong-token-value' } });
    const error = await rejection(c.connect());
    assert.equal(error.kind, 'auth');
    assert.equal(error.message, 'authentication failed: the server refused the token (HTTP 401); check DOLPS_TOKEN or [dolps] token');
    assert.ok(!inspect(error, { depth: 20, showHidden: true }).includes('wrong-token-value'));
  });

  it('warns when the user has no tenant (uploads would be refused with 10181)', async () => {
    const entries: LogEntry[] = [];
    const { center: c } = await setup({ entries }, { tenant: false });
    await c.connect();
    // A warning by its level, not by a "warning:" written into a debug line: shown without --verbose.
    const warnings = entries.filter((e) => e.level === 'warn').map((e) => e.message);
    assert.deepEqual(warnings, ['DolphinScheduler user "admin" has no tenant; every upload will be refused (code 10181) until one is assigned']);
    assert.match(c.describe(), /tenant none \(uploads will be refused: 10181\)$/);
  });
});

describe('v31: list', () => {
  it('lists the entries under the remote root, relative to it, from one tree request', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    f.add('/gitlab/sql', true);
    f.add('/gitlab/sql/a.sql', false, 'select 1');
    f.add('/gitlab/run.sh', false, 'echo');
    f.add('/other', true);
    f.add('/other/b.sh', false, 'b');
    f.add('/gitlabx.sh', false, 'not under the root');
    const index = await c.list({ withSizes: false });
    assert.equal(index.rootExists, true);
    assert.equal(index.source, 'API tree listing');
    assert.deepEqual([...index.entries.values()].sort((a, b) => a.path.localeCompare(b.path)), [
      { path: 'run.sh', kind: 'file' }, { path: 'sql', kind: 'dir' }, { path: 'sql/a.sql', kind: 'file' },
    ]);
    assert.equal(f.server.received.length, 1);
  });

  it('says when the remote root does not exist', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/elsewhere', true);
    const index = await c.list({ withSizes: true });
    assert.equal(index.rootExists, false);
    assert.equal(index.entries.size, 0);
  });

  it('with sizes, reads every directory page by page', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    f.add('/gitlab/big', true);
    for (let i = 0; i < 501; i++) f.add(`/gitlab/big/f${i}.txt`, false, 'x'.repeat(i + 1));
    f.add('/gitlab/top.sh', false, 'hello');
    const index = await c.list({ withSizes: true });
    assert.equal(index.entries.get('top.sh')?.size, 5);
    assert.equal(index.entries.get('big/f500.txt')?.size, 501);
    assert.equal(index.entries.get('big')?.size, undefined);
    assert.equal(index.source, 'API tree listing and 3 directory pages');
  });

  it('lists the whole Resource Center when the root is /', async () => {
    const { fake: f, center: c } = await setup({ remoteRoot: '/' });
    f.add('/a.sh', false, 'a');
    f.add('/d', true);
    f.add('/d/b.sh', false, 'bb');
    const index = await c.list({ withSizes: true });
    assert.equal(index.rootExists, true);
    assert.deepEqual([...index.entries.keys()].sort(), ['a.sh', 'd', 'd/b.sh']);
    assert.equal(index.entries.get('d/b.sh')?.size, 2);
  });
});

describe('v31: writes', () => {
  it('mkdir("") creates the remote root and its missing ancestors with matching pid and currentDir', async () => {
    const { fake: f, center: c } = await setup({ remoteRoot: '/ci/gitlab' });
    await c.list({ withSizes: false });
    await c.mkdir('');
    const forms = f.server.received.filter((r) => r.method === 'POST').map((r) => Object.fromEntries(new URLSearchParams(r.body.toString())));
    const ci = f.resources.get('/ci');
    assert.deepEqual(forms, [
      { type: 'FILE', name: 'ci', pid: '-1', currentDir: '/', description: '' },
      { type: 'FILE', name: 'gitlab', pid: String(ci?.id), currentDir: '/ci', description: '' },
    ]);
    await c.mkdir('');
    assert.equal(requests(f, 'POST', 'resources/directory'), 2, 'nothing more to create');
  });

  it('creates, updates in place, renames in place, downloads and deletes, keeping ids', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    await c.list({ withSizes: false });
    await c.mkdir('sql');
    await c.create('sql/a.sql', text('select 1;'));
    const created = f.resources.get('/gitlab/sql/a.sql');
    assert.equal(created?.fileName, 'a.sql', 'the file part is named after the resource');
    assert.equal(created?.pid, f.resources.get('/gitlab/sql')?.id);
    const upload = f.server.received.find((r) => r.method === 'POST' && r.url.pathname.endsWith('/resources'));
    assert.match(upload?.headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
    assert.equal(upload?.headers['content-length'], String(upload?.body.length));

    await c.update('sql/a.sql', text('select 2;'));
    assert.equal(f.resources.get('/gitlab/sql/a.sql')?.id, created?.id);
    assert.equal(f.resources.get('/gitlab/sql/a.sql')?.content?.toString(), 'select 2;');

    await c.rename('sql/a.sql', 'sql/b.sql');
    assert.equal(f.resources.get('/gitlab/sql/b.sql')?.id, created?.id);
    assert.deepEqual((await c.download('sql/b.sql')).toString(), 'select 2;');

    await c.remove('sql/b.sql', 'file');
    await c.remove('sql', 'dir');
    assert.deepEqual([...f.resources.keys()], ['/gitlab']);
  });

  it('sends the description back on update and rename (3.1 answers 10055 without it)', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    const file = f.add('/gitlab/a.sh', false, 'a');
    file.description = 'kept by the sync';
    await c.list({ withSizes: false });
    await c.update('a.sh', text('b'));
    await c.rename('a.sh', 'b.sh');
    assert.equal(f.resources.get('/gitlab/b.sh')?.description, 'kept by the sync');
  });

  it('renaming a directory keeps the children addressable', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    f.add('/gitlab/d', true);
    f.add('/gitlab/d/x.sh', false, 'x');
    await c.list({ withSizes: false });
    await c.rename('d', 'e');
    const before = f.server.received.length;
    await c.update('e/x.sh', text('y'));
    assert.equal(f.server.received.length, before + 1, 'no lookup: the id moved with the rename');
    assert.equal(f.resources.get('/gitlab/e/x.sh')?.content?.toString(), 'y');
  });

  it('looks up a path it has not listed by full name (never by id alone, which answers the parent)', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    await c.list({ withSizes: false });
    f.add('/gitlab/late.sh', false, 'made by someone else after the listing');
    await c.update('late.sh', text('ours'));
    const lookup = f.server.received.find((r) => r.method === 'GET' && r.url.pathname === '/dolphinscheduler/resources/0');
    assert.equal(lookup?.url.searchParams.get('fullName'), '/gitlab/late.sh');
    assert.equal(lookup?.url.searchParams.get('type'), 'FILE');
    assert.equal(f.resources.get('/gitlab/late.sh')?.content?.toString(), 'ours');
  });

  it('deleting something already gone is success', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    f.add('/gitlab/gone.sh', false, 'x');
    await c.list({ withSizes: false });
    f.resources.delete('/gitlab/gone.sh');
    await c.remove('gone.sh', 'file');
    await c.remove('never-there.sh', 'file');
  });

  it('refuses to delete a directory when asked to delete a file', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    f.add('/gitlab/d', true);
    await c.list({ withSizes: false });
    await assert.rejects(c.remove('d', 'file'), /delete \/gitlab\/d: it is a directory on the server, not a file/);
    assert.equal(requests(f, 'DELETE', `resources/${f.resources.get('/gitlab/d')?.id}`), 0);
  });

  it('refuses a rename across directories', async () => {
    const { center: c } = await setup();
    await assert.rejects(c.rename('a/x.sh', 'b/x.sh'), /renames only within one directory/);
  });

  it('a first create that finds the path taken is a rejection with the server code', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    await c.list({ withSizes: false });
    f.add('/gitlab/a.sh', false, 'theirs');
    const error = await rejection(c.create('a.sh', text('ours')));
    assert.equal(error.dsCode, 20005);
    assert.equal(error.message, 'create /gitlab/a.sh: server code 20005 "resource already exists"');
    assert.equal(f.resources.get('/gitlab/a.sh')?.content?.toString(), 'theirs');
  });

  it('download of a file the server no longer has is notFound', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    f.add('/gitlab/a.sh', false, 'x');
    await c.list({ withSizes: false });
    f.resources.delete('/gitlab/a.sh');
    const error = await rejection(c.download('a.sh'));
    assert.equal(error.kind, 'notFound');
  });

  it('a missing parent directory is reported before anything is sent', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    await c.list({ withSizes: false });
    const error = await rejection(c.create('nodir/a.sh', text('x')));
    assert.equal(error.kind, 'notFound');
    assert.equal(error.message, 'create /gitlab/nodir/a.sh: the parent directory /gitlab/nodir does not exist on the server');
    assert.equal(requests(f, 'POST', 'resources'), 0);
  });

  it('is safe for parallel calls: one lookup for a directory many creates need', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    await c.list({ withSizes: false });
    f.add('/gitlab/new', true);
    await Promise.all(Array.from({ length: 8 }, (_, i) => c.create(`new/f${i}.sh`, text(`echo ${i}`))));
    assert.equal(requests(f, 'GET', 'resources/0'), 1);
    assert.equal([...f.resources.keys()].filter((k) => k.startsWith('/gitlab/new/')).length, 8);
  });
});

describe('v31: lost answers are reconciled, never blindly replayed', () => {
  it('a create whose answer is lost after it landed becomes an update of the same resource', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    await c.list({ withSizes: false });
    let dropped = false;
    f.faults.push((req, _res, socket) => {
      if (dropped || req.method !== 'POST' || !req.url.pathname.endsWith('/resources')) return false;
      dropped = true;
      f.add('/gitlab/a.sh', false, 'partial'); // the server stored it, then the connection died
      socket.destroy();
      return true;
    });
    await c.create('a.sh', text('complete'));
    assert.equal(requests(f, 'POST', 'resources'), 1, 'the POST was not replayed');
    const id = f.resources.get('/gitlab/a.sh')?.id;
    assert.equal(requests(f, 'PUT', `resources/${id}`), 1);
    assert.equal(f.resources.get('/gitlab/a.sh')?.content?.toString(), 'complete');
  });

  it('a create whose answer is lost before it landed is sent again', async () => {
    const { fake: f, center: c, log } = await setup();
    f.add('/gitlab', true);
    await c.list({ withSizes: false });
    let dropped = false;
    f.faults.push((req, _res, socket) => {
      if (dropped || req.method !== 'POST') return false;
      dropped = true;
      socket.destroy();
      return true;
    });
    await c.create('a.sh', text('x'));
    assert.equal(requests(f, 'POST', 'resources'), 2);
    assert.equal(f.resources.get('/gitlab/a.sh')?.content?.toString(), 'x');
    assert.ok(log.some((l) => l.includes('the resource is not there; sending it again')));
  });

  it('a retried create answered 20005 (the first attempt landed late) updates instead', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    await c.list({ withSizes: false });
    let postDropped = false;
    let lookupFaked = false;
    f.faults.push((req, _res, socket) => {
      if (postDropped || req.method !== 'POST') return false;
      postDropped = true;
      socket.destroy();
      return true;
    }, (req, res) => {
      if (lookupFaked || !req.url.pathname.endsWith('/resources/0')) return false;
      lookupFaked = true;
      reply(res, 20004, null, 'resource not exist'); // still being stored...
      f.add('/gitlab/a.sh', false, 'first attempt'); // ...and now it is there
      return true;
    });
    await c.create('a.sh', text('second'));
    assert.equal(requests(f, 'POST', 'resources'), 2);
    assert.equal(f.resources.get('/gitlab/a.sh')?.content?.toString(), 'second');
  });

  it('a mkdir whose answer is lost after it landed is done', async () => {
    const { fake: f, center: c } = await setup();
    f.add('/gitlab', true);
    await c.list({ withSizes: false });
    let dropped = false;
    f.faults.push((req, _res, socket) => {
      if (dropped || req.method !== 'POST') return false;
      dropped = true;
      f.add('/gitlab/d', true);
      socket.destroy();
      return true;
    });
    await c.mkdir('d');
    await c.create('d/x.sh', text('x'));
    assert.equal(requests(f, 'POST', 'resources/directory'), 1);
    assert.equal(f.resources.get('/gitlab/d/x.sh')?.pid, f.resources.get('/gitlab/d')?.id);
  });

  it('an update whose id went stale is retried once with the current id', async () => {
    const { fake: f, center: c, log } = await setup();
    f.add('/gitlab', true);
    const old = f.add('/gitlab/a.sh', false, 'old');
    await c.list({ withSizes: false });
    f.resources.delete('/gitlab/a.sh');
    const replacement = f.add('/gitlab/a.sh', false, 'recreated by someone');
    await c.update('a.sh', text('ours'));
    assert.notEqual(old.id, replacement.id);
    assert.equal(f.resources.get('/gitlab/a.sh')?.content?.toString(), 'ours');
    assert.ok(log.some((l) => l.includes(`id ${old.id} is stale`)));
  });
});
