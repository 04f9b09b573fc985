// A representative subset of the emulator's rule tests (test/emulator/*.test.ts), over HTTP, with
// t_ds_resources in the real PostgreSQL and MariaDB: the services must answer the same codes whichever
// table holds the rows, because the database refuses what the in-memory table refuses. The expectations
// are copied from those tests; where a database answers differently, as a real server on it would, the
// test says why.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { DbDialect } from '../../../src/db/port.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { Api, code, createdId } from '../../emulator/support.js';
import { describeWithServer, probeServer } from '../../helpers/databases.js';
import { DIALECTS, freshOn, metadataDbOf } from './support.js';

for (const dialect of DIALECTS) {
  const gate = await probeServer(dialect);
  describeWithServer(gate, `emulator rules with t_ds_resources on ${dialect === 'mysql' ? 'MariaDB' : 'PostgreSQL'}`, () => rules(dialect));
}

function rules(dialect: DbDialect): void {
  it('a directory is a row whose Resource map is answered, id 1 from the sequence', async (t) => {
    const { api, scratch } = await freshOn(t, dialect);
    const answer = await api.mkdir('gitlab', -1, '/', { description: 'from git' });
    assert.deepEqual(
      { ...answer.json?.data, createTime: undefined, updateTime: undefined },
      {
        id: 1, pid: -1, alias: 'gitlab', fullName: '/gitlab', directory: true, description: 'from git', fileName: 'gitlab',
        userId: 1, type: 'FILE', size: 0, createTime: undefined, updateTime: undefined, userName: null,
      },
    );
    assert.equal(await scratch.count(), 1);
  });

  it('a full name that exists already (same type) is refused: 20005; a UDF may share it', async (t) => {
    const { api } = await freshOn(t, dialect);
    assert.equal(code(await api.upload('a.sh', 'x')), 0);
    assert.deepEqual([code(await api.upload('a.sh', 'y')), code(await api.mkdir('a.sh'))], [20005, 20005]);
    assert.equal(code(await api.form('POST', '/resources/directory', { type: 'UDF', name: 'a.sh', pid: -1, currentDir: '/' })), 0);
  });

  it('an upload whose full name is over 128 characters is refused: 1300015', async (t) => {
    const { api } = await freshOn(t, dialect);
    const dir = createdId(await api.mkdir('d'.repeat(60)));
    const sub = createdId(await api.mkdir('e'.repeat(60), dir, `/${'d'.repeat(60)}`));
    const currentDir = `/${'d'.repeat(60)}/${'e'.repeat(60)}`;
    assert.equal(code(await api.upload('abc.sh', 'x', sub, currentDir)), 1300015);
    assert.equal(code(await api.upload('ab.sh', 'x', sub, currentDir)), 0);
  });

  it('an alias over 64 characters fails at the insert in the database: 10000 "resource already exists"', async (t) => {
    const { api, scratch } = await freshOn(t, dialect);
    const answer = await api.upload(`${'a'.repeat(62)}.sh`, 'x');
    assert.deepEqual([answer.json?.code, answer.json?.msg], [10000, "Internal Server Error: resource already exists, can't recreate"]);
    assert.equal(code(await api.mkdir('d'.repeat(65))), 10000);
    assert.equal(code(await api.upload(`${'a'.repeat(61)}.sh`, 'x')), 0);
    assert.equal(await scratch.count(), 1, 'nothing of the refused inserts is left');
  });

  it('on 3.0 an over-long description reaches the database and fails there (null code)', async (t) => {
    const { api } = await freshOn(t, dialect, { generation: '3.0' });
    assert.equal(code(await api.mkdir('d', -1, '/', { description: 'x'.repeat(256) })), null);
  });

  it('online-create has no 128-character check: an over-long full name fails at the insert (10061)', async (t) => {
    const { api } = await freshOn(t, dialect);
    const dir = createdId(await api.mkdir('d'.repeat(64)));
    const sub = createdId(await api.mkdir('e'.repeat(60), dir, `/${'d'.repeat(64)}`));
    const answer = await api.onlineCreate('abc', 'sh', 'x', sub, `/${'d'.repeat(64)}/${'e'.repeat(60)}`);
    assert.deepEqual([answer.json?.code, answer.json?.msg], [10061, 'create resource file online error']);
  });

  it('a pid that is not a resource is refused: 20015', async (t) => {
    const { api } = await freshOn(t, dialect);
    assert.equal(code(await api.upload('a.sh', 'x', 42, '/x')), 20015);
  });

  it('uploads add their size to every ancestor directory, deletes take it off', async (t) => {
    const { api } = await freshOn(t, dialect);
    const a = createdId(await api.mkdir('a'));
    const b = createdId(await api.mkdir('b', a, '/a'));
    const x = createdId(await api.upload('x.sh', '12345', b, '/a/b'));
    await api.upload('y.sh', '123', a, '/a');
    assert.equal((await api.get(`/resources/${a}/query`)).json?.data.size, 8);
    await api.delete(`/resources/${x}`);
    assert.deepEqual([(await api.get(`/resources/${a}/query`)).json?.data.size, (await api.get(`/resources/${b}/query`)).json?.data.size], [3, 0]);
  });

  it('a rename keeps the id and rewrites the full names below a directory', async (t) => {
    const { api, emu } = await freshOn(t, dialect);
    const dir = createdId(await api.mkdir('old'));
    const sub = createdId(await api.mkdir('sub', dir, '/old'));
    const id = createdId(await api.upload('a.sh', 'x', sub, '/old/sub'));
    assert.equal(code(await api.form('PUT', `/resources/${dir}`, { type: 'FILE', name: 'new', description: '' })), 0);
    const found = await api.get('/resources/0', { fullName: '/new/sub/a.sh', type: 'FILE' });
    assert.deepEqual([code(found), found.json?.data.id], [0, id]);
    assert.deepEqual([...(await emu.snapshot()).keys()], ['/new', '/new/sub', '/new/sub/a.sh']);
  });

  it('a rename onto an existing name is refused: 20005; to an alias over 64 characters: 10055, nothing changes', async (t) => {
    const { api, emu } = await freshOn(t, dialect);
    const id = createdId(await api.upload('a.sh', 'x'));
    createdId(await api.upload('b.sh', 'y'));
    assert.equal(code(await api.form('PUT', `/resources/${id}`, { type: 'FILE', name: 'b.sh', description: '' })), 20005);
    assert.equal(code(await api.form('PUT', `/resources/${id}`, { type: 'FILE', name: `${'n'.repeat(62)}.sh`, description: '' })), 10055);
    assert.deepEqual([...(await emu.snapshot()).keys()], ['/a.sh', '/b.sh']);
  });

  it('a re-upload replaces the content in place and fixes directory sizes', async (t) => {
    const { api, emu } = await freshOn(t, dialect);
    const dir = createdId(await api.mkdir('d'));
    const id = createdId(await api.upload('a.jar', 'abc', dir, '/d'));
    const answer = await api.multipart('PUT', `/resources/${id}`, { type: 'FILE', name: 'a.jar', description: '' }, { filename: 'a.jar', content: 'abcdefg' });
    assert.deepEqual([answer.json?.code, answer.json?.data.id, answer.json?.data.size], [0, id, 7]);
    assert.equal((await emu.snapshot()).get('/d/a.jar')?.content?.toString(), 'abcdefg');
    assert.equal((await api.get(`/resources/${dir}/query`)).json?.data.size, 7);
  });

  it('on 3.1 a non-empty directory is refused: 20018; on 3.0 it goes with everything below it', async (t) => {
    const { api } = await freshOn(t, dialect);
    const dir = createdId(await api.mkdir('full'));
    await api.upload('a.sh', 'x', dir, '/full');
    assert.equal(code(await api.delete(`/resources/${dir}`)), 20018);
    const old = await freshOn(t, dialect, { generation: '3.0' });
    const top = createdId(await old.api.mkdir('full'));
    const sub = createdId(await old.api.mkdir('sub', top, '/full'));
    await old.api.upload('a.sh', 'x', sub, '/full/sub');
    await old.api.upload('keep.sh', 'y');
    assert.equal(code(await old.api.delete(`/resources/${top}`)), 0);
    assert.deepEqual([...(await old.emu.snapshot()).keys()], ['/keep.sh']);
    assert.equal(await old.scratch.count(), 1);
  });

  it('GET /resources/{id} with fullName answers that resource, with only the id its PARENT', async (t) => {
    const { api } = await freshOn(t, dialect);
    const dir = createdId(await api.mkdir('d'));
    const id = createdId(await api.upload('a.sh', 'x', dir, '/d'));
    assert.equal((await api.get('/resources/0', { fullName: '/d/a.sh', type: 'FILE' })).json?.data.id, id);
    assert.equal((await api.get(`/resources/${id}`, { type: 'FILE' })).json?.data.id, dir);
  });

  it('the tree nests children; the paged listing shows one directory, newest update first', async (t) => {
    const { api } = await freshOn(t, dialect);
    const dir = createdId(await api.mkdir('d'));
    await api.upload('old.sh', 'x', dir, '/d');
    // MySQL's datetime keeps whole seconds (DolphinScheduler's DDL has no fraction): two uploads in one
    // second tie there, on a real server too, so the newer one must come a second later to sort first.
    await new Promise((resolve) => setTimeout(resolve, dialect === 'mysql' ? 1100 : 5));
    await api.upload('new.sh', 'x', dir, '/d');
    const tree = (await api.get('/resources/list', { type: 'FILE' })).json?.data;
    assert.deepEqual(tree[0].children.map((c: { fullName: string }) => c.fullName).sort(), ['d/new.sh', 'd/old.sh']);
    const page = (await api.get('/resources', { type: 'FILE', id: dir, pageNo: 1, pageSize: 1 })).json?.data;
    assert.deepEqual([page.total, page.totalList.map((r: { alias: string }) => r.alias)], [2, ['new.sh']]);
  });

  it('stop closes the connection; restart serves the same rows again', async (t) => {
    const { api, emu } = await freshOn(t, dialect);
    const id = createdId(await api.upload('a.sh', 'kept'));
    await emu.stop();
    await emu.restart();
    assert.equal((await api.get(`/resources/${id}/download`)).text, 'kept');
  });

  it('a second emulator on the same schema sees the rows the first one wrote', async (t) => {
    const { api, emu, scratch } = await freshOn(t, dialect);
    createdId(await api.upload('a.sh', 'x'));
    await emu.stop();
    const second = await startEmulator({ generation: '3.1', metadataDb: metadataDbOf(scratch) });
    try {
      const next = new Api(second.url, { token: second.token });
      assert.equal((await next.get('/resources/0', { fullName: '/a.sh', type: 'FILE' })).json?.data.id, 1);
      assert.equal(createdId(await next.mkdir('d')), 2);
    } finally {
      await second.stop();
    }
  });

  if (dialect === 'mysql') {
    it('on MySQL\'s utf8 (3-byte) table a 4-byte character fails at the insert, as on a real server there', async (t) => {
      const { api } = await freshOn(t, dialect);
      // In memory (and on PostgreSQL) this description is accepted: test/emulator/create.test.ts.
      assert.equal(code(await api.upload('b.sh', 'x', -1, '/', { description: '😀'.repeat(255) })), 10000);
    });
  }
}
