import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { ResourceCenter } from '../../../src/remote/port.js';
import { openAdapter, type AdapterOptions } from '../../helpers/open-adapter.js';
import type { FakeOptions, FakeStorage } from './fake-storage.js';
import { startFakeV33 } from './fake-v33.js';
import { count, fieldsOf, multipartOf, rejection, text, TOKEN, traffic } from './storage-support.js';

const T = 'file:/tmp/dolphinscheduler/default/resources';
let fake: FakeStorage | undefined;
let center: ResourceCenter | undefined;

afterEach(async () => {
  await center?.close();
  await fake?.close();
  center = undefined;
  fake = undefined;
});

async function setup(options: Partial<AdapterOptions> = {}, fakeOptions: FakeOptions = {}) {
  fake = await startFakeV33(fakeOptions);
  const log: string[] = [];
  center = openAdapter('3.3', {
    baseUrl: fake.server.baseUrl, auth: { token: TOKEN }, remoteRoot: '/gitlab', timeoutMs: 2000, retries: 2, backoffMs: 5,
    log: (line) => log.push(line), ...options,
  });
  await center.connect();
  return { fake, center, log };
}

describe('v33: capabilities and connect', () => {
  it('declares 3.3: extensions decide file or directory, empty files allowed, no length limit', async () => {
    const { center: c } = await setup();
    assert.deepEqual(c.capabilities, {
      generation: '3.3', renameKeepsIdentity: false, canRename: true, implicitParents: true, recursiveDelete: true,
      emptyFiles: true, fileNeedsExtension: true, dirNameMayHaveDot: false, maxNameLength: null, maxFullNameLength: null,
      maxFileSize: 1024 ** 3,
      forbiddenInPath: ['..'],
      keepsResourceTable: false,
    });
  });

  it('takes the tenant resource directory from base-dir, administrators included, and never assumes the storage base', async () => {
    const { fake: f, center: c } = await setup({}, { base: 'file:/data/ds' });
    assert.deepEqual(traffic(f), ['GET users/get-user-info', 'GET resources/base-dir']);
    assert.equal(c.describe(), `DolphinScheduler 3.3 API at 127.0.0.1:${f.server.port}, remote root file:/data/ds/default/resources/gitlab, user admin, tenant default`);
  });

  it('refuses a configured tenant that is not the user\'s', async () => {
    const error = await rejection(setup({ tenant: 'other' }));
    assert.match(error.message, /^the configured tenant "other" is not the tenant of DolphinScheduler user "admin" \("default"\), and DolphinScheduler 3.3 creates/);
  });
});

describe('v33: list', () => {
  it('walks the directories (the flat /list omits them), empty ones included, with sizes', async () => {
    const { fake: f, center: c } = await setup({ remoteRoot: '/' });
    f.add('sql/a.sql', 'select 1;');
    f.add('sql/empty');
    f.add('run.sh', 'x');
    f.server.received.length = 0;
    const index = await c.list({ withSizes: false });
    assert.deepEqual([...index.entries.values()].sort((a, b) => a.path.localeCompare(b.path)), [
      { path: 'run.sh', kind: 'file', size: 1 }, { path: 'sql', kind: 'dir' }, { path: 'sql/a.sql', kind: 'file', size: 9 }, { path: 'sql/empty', kind: 'dir' },
    ]);
    assert.deepEqual(traffic(f), ['GET resources', 'GET resources', 'GET resources'], 'one page per directory, no /list');
    assert.deepEqual(fieldsOf(f, 'GET resources'), { fullName: T, type: 'FILE', searchVal: '', pageNo: '1', pageSize: '1000' });
    assert.equal(index.source, 'API directory listing (3 pages)');
  });

  it('finds the remote root by listing its parent narrowed by name', async () => {
    const { fake: f, center: c } = await setup();
    f.server.received.length = 0;
    assert.equal((await c.list({ withSizes: true })).rootExists, false);
    assert.deepEqual(fieldsOf(f, 'GET resources'), { fullName: T, type: 'FILE', searchVal: 'gitlab', pageNo: '1', pageSize: '1000' });
  });

  it('maps the listing back when the server is configured with file:/// (listings say file:/)', async () => {
    const { fake: f, center: c } = await setup({}, { base: 'file:///tmp/ds' });
    f.add('gitlab/a.sh', 'x');
    const index = await c.list({ withSizes: true });
    assert.deepEqual([...index.entries.keys()], ['a.sh']);
    await c.update('a.sh', text('y'));
    assert.equal(multipartOf(f, 'PUT resources').fullName, 'file:///tmp/ds/default/resources/gitlab/a.sh', 'requests use base-dir\'s spelling');
    assert.equal(f.content('gitlab/a.sh'), 'y');
  });
});

describe('v33: writes', () => {
  it('creates with absolute currentDir (the tenant directory on top, so the server checks it), no pid, no tenantCode', async () => {
    const { fake: f, center: c } = await setup();
    await c.mkdir('');
    await c.mkdir('sql');
    await c.create('sql/deep/a.sql', text('select 1;'));
    await c.create('empty.txt', text(''));
    assert.deepEqual(f.tree(), ['gitlab/', 'gitlab/empty.txt', 'gitlab/sql/', 'gitlab/sql/deep/', 'gitlab/sql/deep/a.sql']);
    assert.deepEqual(fieldsOf(f, 'POST resources/directory'), { type: 'FILE', name: 'gitlab', currentDir: T });
    assert.deepEqual(fieldsOf(f, 'POST resources/directory', 1), { type: 'FILE', name: 'sql', currentDir: `${T}/gitlab` });
    assert.deepEqual(multipartOf(f, 'POST resources'), { type: 'FILE', name: 'a.sql', currentDir: `${T}/gitlab/sql/deep`, file: '<a.sql>' });
    assert.equal(f.content('gitlab/empty.txt'), '');
  });

  it('maps the validators\' texts: already there, not a file, not a directory', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab/a.sh', 'x');
    const exists = await rejection(c.create('a.sh', text('y')));
    assert.equal(exists.message, `create ${T}/gitlab/a.sh: server code 10000 "Internal Server Error: The resource is already exist: ${T}/gitlab/a.sh"`);
    const noExtension = await rejection(c.create('Makefile', text('all:')));
    assert.equal(noExtension.message, `create ${T}/gitlab/Makefile: server code 10000 "Internal Server Error: The path is not a file: ${T}/gitlab/Makefile"; DolphinScheduler 3.3 decides file or directory by the extension: a file needs one, a directory name must not have a dot`);
    assert.match((await rejection(c.mkdir('v1.2'))).message, /"Internal Server Error: The path is not a directory: .*\/gitlab\/v1\.2"; DolphinScheduler 3\.3 decides/);
  });

  it('mkdir of a directory that is there is success', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab/d');
    await c.mkdir('d');
    await c.mkdir('');
  });

  it('update re-uploads in place; a missing file is notFound', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab/a.sh', 'v1');
    await c.update('a.sh', text('version 2'));
    assert.equal(f.content('gitlab/a.sh'), 'version 2');
    assert.deepEqual(multipartOf(f, 'PUT resources'), { fullName: `${T}/gitlab/a.sh`, name: 'a.sh', file: '<a.sh>' });
    const missing = await rejection(c.update('gone.sh', text('x')));
    assert.equal(missing.kind, 'notFound');
    assert.equal(missing.message, `update ${T}/gitlab/gone.sh: server code 10000 "Internal Server Error: Thr resource is not exists: ${T}/gitlab/gone.sh"`);
  });

  it('renames files and directories (a directory\'s full name has no trailing slash)', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab/d/a.sh', 'a');
    await c.list({ withSizes: false });
    await c.rename('d/a.sh', 'd/b.sh');
    await c.rename('d', 'e');
    assert.deepEqual(f.tree(), ['gitlab/', 'gitlab/e/', 'gitlab/e/b.sh']);
    assert.deepEqual(fieldsOf(f, 'PUT resources', 1), { fullName: `${T}/gitlab/d`, name: 'e' });
  });

  it('deletes recursively; what is gone is success', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab/d/a.sh', 'a');
    f.add('gitlab/x.sh', 'x');
    await c.list({ withSizes: false });
    await c.remove('d', 'dir');
    assert.deepEqual(fieldsOf(f, 'DELETE resources'), { fullName: `${T}/gitlab/d` });
    f.fs.remove(`${T}/gitlab/x.sh`);
    await c.remove('x.sh', 'file');
    assert.deepEqual(f.tree(), ['gitlab/']);
  });

  it('downloads bytes, empty files too; a missing file is notFound', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab/a.sh', 'echo');
    f.add('gitlab/empty.txt', '');
    assert.equal((await c.download('a.sh')).toString(), 'echo');
    assert.equal((await c.download('empty.txt')).length, 0);
    assert.equal((await rejection(c.download('gone.sh'))).kind, 'notFound');
  });

  it('refuses paths with ".." before sending (3.3 refuses them anywhere in a path)', async () => {
    const { fake: f, center: c } = await setup();
    f.server.received.length = 0;
    const error = await rejection(c.create('notes..v2.txt', text('x')));
    assert.equal(error.message, 'refusing to create "notes..v2.txt": DolphinScheduler 3.3 refuses paths that contain ".." ("Invalidated resource path")');
    assert.deepEqual(traffic(f), []);
  });

  it('a create whose answer was lost before it landed is sent again once', async () => {
    const { fake: f, center: c } = await setup();
    f.add('gitlab');
    f.faults.push((req, _res, socket) => {
      if (req.method !== 'POST' || f.faults.length === 0) return false;
      f.faults.length = 0;
      socket.destroy();
      return true;
    });
    await c.create('slow.sh', text('x'));
    assert.equal(count(f, 'POST resources'), 2);
    assert.equal(f.content('gitlab/slow.sh'), 'x');
  });
});
