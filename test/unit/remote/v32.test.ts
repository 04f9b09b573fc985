import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { ResourceCenter } from '../../../src/remote/port.js';
import { openAdapter, type AdapterOptions } from '../../helpers/open-adapter.js';
import { reply, type FakeOptions, type FakeStorage } from './fake-storage.js';
import { startFakeV32 } from './fake-v32.js';
import { count, fieldsOf, multipartOf, rejection, text, TOKEN, traffic } from './storage-support.js';

const T = 'file:/dolphinscheduler/default/resources';
let fake: FakeStorage | undefined;
let center: ResourceCenter | undefined;

afterEach(async () => {
  await center?.close();
  await fake?.close();
  center = undefined;
  fake = undefined;
});

async function setup(options: Partial<AdapterOptions> = {}, fakeOptions: FakeOptions = {}) {
  fake = await startFakeV32(fakeOptions);
  const log: string[] = [];
  center = openAdapter('3.2', {
    baseUrl: fake.server.baseUrl, auth: { token: TOKEN }, remoteRoot: '/gitlab', timeoutMs: 2000, retries: 2, backoffMs: 5,
    log: (line) => log.push(line), ...options,
  });
  return { fake, center, log };
}

describe('v32: capabilities and connect', () => {
  it('declares 3.2: paths are identity, parents implicit, deletes recursive, no empty files, 128 on the absolute name', async () => {
    const { center: c } = await setup();
    assert.deepEqual(c.capabilities, {
      generation: '3.2', renameKeepsIdentity: false, canRename: true, implicitParents: true, recursiveDelete: true,
      emptyFiles: false, fileNeedsExtension: false, dirNameMayHaveDot: true, maxNameLength: null, maxFullNameLength: 128,
      maxFileSize: 1024 ** 3,
      forbiddenInPath: ['../'],
      keepsResourceTable: false,
    });
  });

  it('an administrator gets the data base path from base-dir and the tenant resource directory is built from it', async () => {
    const { fake: f, center: c } = await setup();
    assert.match(c.describe(), /remote root \/gitlab in the user's tenant resource directory$/);
    await c.connect();
    assert.deepEqual(traffic(f), ['GET users/get-user-info', 'GET resources/base-dir']);
    assert.equal(c.describe(), `DolphinScheduler 3.2 API at 127.0.0.1:${f.server.port}, remote root ${T}/gitlab/, user admin, tenant default`);
    assert.equal(c.fullNameLength('sql/a.sql'), `${T}/gitlab/sql/a.sql`.length);
  });

  it('a general user gets the tenant resource directory itself, in a non-default storage base', async () => {
    const users = [{ token: TOKEN, name: 'etl', admin: false, tenant: 'etl' }];
    const { center: c } = await setup({}, { base: 'hdfs://nn:8020/ds', users });
    await c.connect();
    assert.match(c.describe(), /remote root hdfs:\/\/nn:8020\/ds\/etl\/resources\/gitlab\/, user etl, tenant etl$/);
  });

  it('refuses a configured tenant that is not the user\'s: creates would land in the user\'s tenant', async () => {
    const { fake: f, center: c } = await setup({ tenant: 'other' });
    const error = await rejection(c.connect());
    assert.equal(error.kind, 'rejected');
    assert.equal(error.message, 'the configured tenant "other" is not the tenant of DolphinScheduler user "admin" ("default"), and DolphinScheduler 3.2 creates resources only in the login user\'s tenant; unset DOLPS_TENANT ([dolps] tenant) or log in as a user of tenant "other"');
    assert.deepEqual(traffic(f), ['GET users/get-user-info', 'GET resources/base-dir'], 'read only');
  });

  it('a user without a tenant cannot connect (10181)', async () => {
    const { center: c } = await setup({}, { users: [{ token: TOKEN, name: 'alice', admin: false, tenant: null }] });
    const error = await rejection(c.connect());
    assert.equal(error.dsCode, 10181);
    assert.match(error.message, /^connect: server code 10181 ".*"; the DolphinScheduler user has no tenant: assign one/);
  });

  it('accepts an absolute remote root inside the tenant directory and refuses one outside', async () => {
    const { center: c } = await setup({ remoteRoot: `${T}/gitlab/` });
    await c.connect();
    assert.match(c.describe(), new RegExp(`remote root ${T}/gitlab/,`));
    const other = openAdapter('3.2', { baseUrl: fake?.server.baseUrl ?? '', auth: { token: TOKEN }, remoteRoot: 'file:/dolphinscheduler/x/resources/gitlab', timeoutMs: 2000, retries: 0 });
    await assert.rejects(other.connect(), /is outside the tenant resource directory file:\/dolphinscheduler\/default\/resources\//);
    await other.close();
  });
});

describe('v32: list', () => {
  it('reports a missing remote root after one read', async () => {
    const { fake: f, center: c } = await setup();
    await c.connect();
    f.server.received.length = 0;
    assert.deepEqual(await c.list({ withSizes: true }), { rootExists: false, entries: new Map(), source: 'API directory listing' });
    assert.deepEqual(traffic(f), ['GET resources']);
    assert.deepEqual(fieldsOf(f, 'GET resources'), { fullName: `${T}/`, type: 'FILE', searchVal: 'gitlab', pageNo: '1', pageSize: '1000', tenantCode: 'default' });
  });

  it('without sizes: one tree request lists files and directories, empty ones included', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab/sql/a.sql', 'select 1;');
    f.add('gitlab/empty');
    f.add('gitlab/run.sh', 'x');
    f.add('elsewhere.sh', 'x');
    await c.connect();
    f.server.received.length = 0;
    const index = await c.list({ withSizes: false });
    assert.deepEqual([...index.entries.values()].sort((a, b) => a.path.localeCompare(b.path)), [
      { path: 'empty', kind: 'dir' }, { path: 'run.sh', kind: 'file' }, { path: 'sql', kind: 'dir' }, { path: 'sql/a.sql', kind: 'file' },
    ]);
    assert.equal(index.source, 'API tree listing');
    assert.deepEqual(traffic(f), ['GET resources', 'GET resources/list']);
    assert.deepEqual(fieldsOf(f, 'GET resources/list'), { type: 'FILE', fullName: `${T}/gitlab/` });
  });

  it('with sizes: one paged request per directory', async () => {
    const { fake: f, center: c } = await setup({ remoteRoot: '/' });
    f.add('sql/a.sql', 'select 1;');
    f.add('sql/deeper/b.sql', 'select 22;');
    f.add('empty');
    await c.connect();
    f.server.received.length = 0;
    const index = await c.list({ withSizes: true });
    assert.deepEqual([...index.entries.values()].map(({ updateTime: _, ...rest }) => rest).sort((a, b) => a.path.localeCompare(b.path)), [
      { path: 'empty', kind: 'dir' }, { path: 'sql', kind: 'dir' }, { path: 'sql/a.sql', kind: 'file', size: 9 },
      { path: 'sql/deeper', kind: 'dir' }, { path: 'sql/deeper/b.sql', kind: 'file', size: 10 },
    ]);
    assert.equal(index.source, 'API directory listing (4 pages)');
    assert.equal(count(f, 'GET resources'), 4, 'root, empty, sql, sql/deeper; the tenant directory needs no existence check');
  });
});

describe('v32: writes', () => {
  it('creates into sub-directories with absolute currentDir and a trailing slash; parents come implicitly', async () => {
    const { fake: f, center: c } = await setup();
    await c.connect();
    await c.mkdir('');
    await c.create('sql/deep/a.sql', text('select 1;'));
    await c.create('top.sh', text('echo'));
    assert.deepEqual(f.tree(), ['gitlab/', 'gitlab/sql/', 'gitlab/sql/deep/', 'gitlab/sql/deep/a.sql', 'gitlab/top.sh']);
    assert.deepEqual(fieldsOf(f, 'POST resources/directory'), { type: 'FILE', name: 'gitlab', currentDir: '/', pid: '-1' });
    assert.deepEqual(multipartOf(f, 'POST resources'), { type: 'FILE', name: 'a.sql', currentDir: `${T}/gitlab/sql/deep/`, file: '<a.sql>' });
    assert.equal(f.content('gitlab/sql/deep/a.sql'), 'select 1;');
  });

  it('mkdir of a directory that is there is success; of a file that is there is refused', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab/d');
    f.add('gitlab/f', 'x');
    await c.connect();
    await c.mkdir('d');
    const error = await rejection(c.mkdir('f'));
    assert.equal(error.message, `mkdir ${T}/gitlab/f: it is a file on the server, not a directory`);
  });

  it('update re-uploads in place by full name, with the current name', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab/a.sh', 'v1');
    await c.connect();
    await c.update('a.sh', text('version 2'));
    assert.equal(f.content('gitlab/a.sh'), 'version 2');
    assert.deepEqual(multipartOf(f, 'PUT resources'), { fullName: `${T}/gitlab/a.sh`, name: 'a.sh', tenantCode: 'default', type: 'FILE', file: '<a.sh>' });
    const missing = await rejection(c.update('gone.sh', text('x')));
    assert.equal(missing.kind, 'notFound');
    assert.equal(missing.message, `update ${T}/gitlab/gone.sh: not found on the server`);
  });

  it('renames files and directories within their directory', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab/d/a.sh', 'a');
    await c.connect();
    await c.list({ withSizes: false });
    await c.rename('d/a.sh', 'd/b.sh');
    await c.rename('d', 'e');
    assert.deepEqual(f.tree(), ['gitlab/', 'gitlab/e/', 'gitlab/e/b.sh']);
    assert.deepEqual(fieldsOf(f, 'PUT resources', 1), { fullName: `${T}/gitlab/d/`, name: 'e', tenantCode: 'default', type: 'FILE' });
    assert.equal((await c.download('e/b.sh')).toString(), 'a');
    const across = await rejection(c.rename('e/b.sh', 'b.sh'));
    assert.equal(across.message, `rename ${T}/gitlab/e/b.sh to ${T}/gitlab/b.sh: DolphinScheduler renames only within one directory`);
  });

  it('deletes files, and directories with their content; what is gone is success', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab/d/a.sh', 'a');
    f.add('gitlab/x.sh', 'x');
    await c.connect();
    await c.list({ withSizes: false });
    await c.remove('d', 'dir');
    assert.deepEqual(fieldsOf(f, 'DELETE resources'), { fullName: `${T}/gitlab/d/`, tenantCode: 'default' });
    f.fs.remove(`${T}/gitlab/x.sh`); // gone behind our back: the server answers "The path does not exist."
    await c.remove('x.sh', 'file');
    await c.remove('never.sh', 'file');
    assert.deepEqual(f.tree(), ['gitlab/']);
    assert.equal(count(f, 'DELETE resources'), 2, 'nothing sent for a path that the listing of its directory does not show');
  });

  it('refuses to delete a file as a directory (Hadoop would drop the slash and delete the file)', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab/a', 'x');
    await c.connect();
    const error = await rejection(c.remove('a', 'dir'));
    assert.equal(error.message, `delete ${T}/gitlab/a: it is a file on the server, not a directory`);
    assert.equal(count(f, 'DELETE resources'), 0);
  });

  it('refusals are one line with path, code and message', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab/a.sh', 'x');
    await c.connect();
    assert.equal((await rejection(c.create('a.sh', text('y')))).message, `create ${T}/gitlab/a.sh: server code 20005 "resource already exists"`);
    const empty = await rejection(c.create('empty.txt', text('')));
    assert.equal(empty.message, `create ${T}/gitlab/empty.txt: server code 10062 "resource file is empty"; DolphinScheduler 3.0-3.2 cannot store empty files`);
    const long = `${'d'.repeat(60)}/${'x'.repeat(40)}.sh`;
    assert.ok(c.fullNameLength(long) > 128);
    assert.equal((await rejection(c.create(long, text('x')))).dsCode, 1300015);
  });

  it('downloads bytes; a missing file is notFound', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab/a.sh', 'echo');
    await c.connect();
    assert.equal((await c.download('a.sh')).toString(), 'echo');
    const missing = await rejection(c.download('gone.sh'));
    assert.equal(missing.kind, 'notFound');
    assert.equal(missing.message, `download ${T}/gitlab/gone.sh: not found on the server`);
  });

  for (const bad of ['../x.sh', 'a//b.sh', '', 'dir../x.sh']) {
    it(`refuses ${JSON.stringify(bad)} before sending anything`, async () => {
      const { fake: f, center: c } = await setup();
      await c.connect();
      f.server.received.length = 0;
      assert.equal((await rejection(c.create(bad, text('x')))).kind, 'rejected');
      assert.equal((await rejection(c.remove(bad, 'file'))).kind, 'rejected');
      assert.deepEqual(traffic(f), []);
    });
  }
});

describe('v32: lost answers', () => {
  it('a create whose answer was lost after it landed is read back and finished, not sent twice', async () => {
    const { fake: f, center: c, log } = await setup();
    f.add('gitlab');
    await c.connect();
    f.faults.push((req, _res, socket) => {
      if (req.method !== 'POST' || f.faults.length === 0) return false;
      f.faults.length = 0;
      f.fs.write(`${T}/gitlab/slow.sh`, Buffer.from('x'));
      socket.destroy();
      return true;
    });
    await c.create('slow.sh', text('x'));
    assert.equal(count(f, 'POST resources'), 1);
    assert.equal(count(f, 'PUT resources'), 1, 're-uploaded in place to be sure of the content');
    assert.ok(log.includes(`create ${T}/gitlab/slow.sh: the answer was lost but the resource is there; finishing with what is there`), log.join('\n'));
  });

  it('a create whose answer was lost before it landed is sent again once', async () => {
    const { fake: f, center: c, log } = await setup();
    f.add('gitlab');
    await c.connect();
    f.faults.push((req, _res, socket) => {
      if (req.method !== 'POST' || f.faults.length === 0) return false;
      f.faults.length = 0;
      socket.destroy();
      return true;
    });
    await c.create('slow.sh', text('x'));
    assert.equal(count(f, 'POST resources'), 2);
    assert.equal(f.content('gitlab/slow.sh'), 'x');
    assert.ok(log.includes(`create ${T}/gitlab/slow.sh: the answer was lost and the resource is not there; sending it again`), log.join('\n'));
  });

  it('a rename replayed after a lost answer finds its work done', async () => {
    const { fake: f, center: c, log } = await setup();
    f.add('gitlab/a.sh', 'a');
    await c.connect();
    f.faults.push((req, _res, socket) => {
      if (req.method !== 'PUT' || f.faults.length === 0) return false;
      f.faults.length = 0;
      f.fs.move(`${T}/gitlab/a.sh`, `${T}/gitlab/b.sh`);
      socket.destroy();
      return true;
    });
    await c.rename('a.sh', 'b.sh');
    assert.deepEqual(f.tree(), ['gitlab/', 'gitlab/b.sh']);
    assert.ok(log.some((l) => l.includes('the source is gone and the target is there; an earlier attempt landed')), log.join('\n'));
  });
});

describe('v32: 3.2.0/3.2.1 currentDir fallback', () => {
  it('with the server\'s own resource directory, writes land where asked even on a legacy server', async () => {
    const { fake: f, center: c } = await setup({}, { legacyCurrentDir: true });
    await c.connect();
    await c.mkdir('');
    await c.mkdir('sql');
    await c.create('sql/a.sql', text('x'));
    await c.create('sql/deep/b.sql', text('y'));
    assert.deepEqual(f.tree(), ['gitlab/', 'gitlab/sql/', 'gitlab/sql/a.sql', 'gitlab/sql/deep/', 'gitlab/sql/deep/b.sql']);
  });

  it('a listing that names entries relative to another directory stops every write before it is sent', async () => {
    // The server reports no tenant; DOLPS_TENANT names another one than the user's real tenant ("default").
    const users = [{ token: TOKEN, name: 'admin', admin: true, tenant: 'default', hideTenant: true }];
    const { fake: f, center: c } = await setup({ tenant: 'etl', remoteRoot: '/' }, { legacyCurrentDir: true, users });
    f.add('old.sh', 'x', 'etl');
    await c.connect();
    await c.list({ withSizes: true });
    const error = await rejection(c.create('sql/a.sql', text('x')));
    assert.match(error.message, /^the server's resource directory for user admin is not file:\/dolphinscheduler\/etl\/resources\/ \(its listing names entries relative to another directory\); refusing to write/);
    assert.equal((await rejection(c.create('top.sh', text('x')))).message, error.message);
    assert.equal(count(f, 'POST resources'), 0);
    assert.deepEqual(f.tree('default'), []);
  });

  it('an unconfirmed tenant with an empty directory is not written to at all', async () => {
    const users = [{ token: TOKEN, name: 'admin', admin: true, tenant: 'default', hideTenant: true }];
    const { fake: f, center: c } = await setup({ tenant: 'etl', remoteRoot: '/' }, { legacyCurrentDir: true, users });
    await c.connect();
    const error = await rejection(c.mkdir('sql'));
    assert.match(error.message, /^cannot confirm that file:\/dolphinscheduler\/etl\/resources\/ is the resource directory of user admin/);
    assert.equal(count(f, 'POST resources/directory'), 0);
  });

  it('when nothing can be checked beforehand, the first sub-directory write is the probe and the only one sent', async () => {
    // A server whose base-dir leads elsewhere than where it writes (the fallback's only trigger), inside its
    // storage base so that 3.2.0/3.2.1 still lists it.
    const { fake: f, center: c } = await setup({}, { legacyCurrentDir: true });
    f.faults.push((req, res) => {
      if (req.url.pathname !== '/dolphinscheduler/resources/base-dir') return false;
      reply(res, 0, 'file:/dolphinscheduler/nested');
      return true;
    });
    await c.connect();
    const writes = await Promise.allSettled([c.create('sql/a.sql', text('x')), c.create('sql/b.sql', text('y')), c.mkdir('docs')]);
    const errors = writes.map((w) => (w.status === 'rejected' ? String((w.reason as Error).message) : 'ok'));
    assert.equal(count(f, 'POST resources') + count(f, 'POST resources/directory'), 1, errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('the server answered success but it is not there; it probably ignored currentDir, as DolphinScheduler 3.2.0 and 3.2.1 do (issue #16502)')), errors.join('\n'));
    assert.ok(errors.every((e) => e !== 'ok'), 'nothing else was written');
    assert.equal(f.tree().length, 1, 'the one stray the probe left, at the top of the user\'s own directory');
  });
});
