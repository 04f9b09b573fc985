// The ResourceTable contract, run on the in-memory table and on t_ds_resources in the real PostgreSQL and
// MariaDB: the same ids, the same refusals (unique key, varchar lengths in characters), the same rows back.
// Where the databases themselves differ (MySQL's case-insensitive utf8 collation, its 3-byte utf8), the
// test says so: that is what a DolphinScheduler on that database does too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DbDialect } from '../../../src/db/port.js';
import { MemoryResourceTable } from '../../../src/emulator/memory-resource-table.js';
import { formatDsDate } from '../../../src/emulator/reply.js';
import { ResourceTableError, type NewResourceRow, type ResourceTable } from '../../../src/emulator/resource-table.js';
import { SqlResourceTable } from '../../../src/emulator/sql-resource-table.js';
import { inTransaction } from '../../../src/emulator/transaction.js';
import { createScratch, describeWithServer, probeServer, type Scratch } from '../../helpers/databases.js';
import { metadataDbOf } from './support.js';

// Whole seconds: MySQL's datetime keeps no fraction, and rows must compare equal on every table.
const WHEN = new Date(2024, 4, 1, 12, 34, 56);
const LATER = new Date(2024, 4, 2, 8, 0, 0);

function row(fullName: string, extra: Partial<NewResourceRow> = {}): NewResourceRow {
  const alias = fullName.slice(fullName.lastIndexOf('/') + 1);
  return {
    alias, fileName: alias, description: '', userId: 1, type: 0, size: 0, createTime: WHEN, updateTime: WHEN,
    pid: -1, fullName, isDirectory: false, ...extra,
  };
}

function isRefusal(kind: ResourceTableError['kind']) {
  return (error: unknown) => error instanceof ResourceTableError && error.kind === kind;
}

interface Subject {
  table: ResourceTable;
  reopen(): Promise<ResourceTable>;
  raw?: Scratch;
}

function contract(name: string, open: () => Promise<Subject>, close: (s: Subject) => Promise<void>): void {
  describe(name, () => {
    let subject: Subject;
    let table: ResourceTable;
    before(async () => {
      subject = await open();
      table = subject.table;
    });
    after(async () => { if (subject !== undefined) await close(subject); });

    it('numbers rows from 1 and answers them back as inserted', async () => {
      const dir = await table.insert(row('/d', { isDirectory: true, description: 'repo' }));
      const file = await table.insert(row('/d/a.sh', { pid: dir.id, size: 5, fileName: 'upload.sh' }));
      assert.deepEqual([dir.id, file.id], [1, 2]);
      assert.deepEqual(await table.byId(2), file);
      assert.deepEqual(await table.byFullName('/d/a.sh', 0), file);
      assert.deepEqual(await table.childrenOf(dir.id), [file]);
      assert.deepEqual(await table.all(), [dir, file]);
      assert.equal(await table.byFullName('/d/a.sh', 1), undefined);
    });

    it('refuses a second row with the same (full_name, type), on insert and on update', async () => {
      await assert.rejects(table.insert(row('/d/a.sh')), isRefusal('duplicateKey'));
      const udf = await table.insert(row('/d/a.sh', { type: 1 }));
      await assert.rejects(table.update({ ...udf, type: 0 }), isRefusal('duplicateKey'));
      await table.delete(udf.id);
    });

    it('refuses values over the varchar lengths, counted in characters', async () => {
      await assert.rejects(table.insert(row(`/${'a'.repeat(65)}`)), isRefusal('valueTooLong'));
      await assert.rejects(table.insert(row('/x.sh', { fileName: 'f'.repeat(65) })), isRefusal('valueTooLong'));
      await assert.rejects(table.insert(row('/y.sh', { description: 'x'.repeat(256) })), isRefusal('valueTooLong'));
      await assert.rejects(table.insert(row(`/${'p'.repeat(60)}/${'q'.repeat(60)}/abc.sh`)), isRefusal('valueTooLong')); // 129
      const accented = await table.insert(row(`/${'é'.repeat(64)}`)); // 64 characters, 128 bytes
      const longest = await table.insert(row(`/${'p'.repeat(60)}/${'q'.repeat(60)}/ab.sh`)); // 128
      await table.delete(accented.id);
      await table.delete(longest.id);
    });

    it('update replaces every column; an unknown id is notFound; delete of an unknown id is quiet', async () => {
      const file = await table.byFullName('/d/a.sh', 0);
      assert.ok(file);
      const changed = { ...file, alias: 'b.sh', fileName: 'b.sh', fullName: '/d/b.sh', size: 9, description: null, updateTime: LATER };
      await table.update(changed);
      assert.deepEqual(await table.byId(file.id), changed);
      await assert.rejects(table.update({ ...changed, id: 999 }), isRefusal('notFound'));
      await table.delete(999);
    });

    it('an undone transaction leaves no row behind', async () => {
      await assert.rejects(inTransaction(table, async (tx) => {
        await tx.insert(row('/tx.sh'));
        throw new Error('storage failed');
      }), /storage failed/);
      assert.equal(await table.byFullName('/tx.sh', 0), undefined);
    });

    it('keeps its rows across a reconnect (an emulator restart)', async () => {
      const before = await table.all();
      table = await subject.reopen();
      assert.deepEqual(await table.all(), before);
    });
  });
}

contract('in-memory t_ds_resources', async () => {
  const table = new MemoryResourceTable();
  return { table, reopen: async () => table };
}, async () => undefined);

for (const dialect of ['postgresql', 'mysql'] as const) {
  const gate = await probeServer(dialect);
  describeWithServer(gate, `t_ds_resources on ${dialect === 'mysql' ? 'MariaDB' : 'PostgreSQL'}`, () => {
    contract('contract', async () => {
      const scratch = await createScratch(dialect, 'none');
      const table = await SqlResourceTable.open(metadataDbOf(scratch));
      return {
        table, raw: scratch,
        reopen: async () => {
          await table.disconnect();
          await table.reconnect();
          return table;
        },
      };
    }, async (s) => {
      await (s.table as SqlResourceTable).disconnect();
      await s.raw?.drop();
    });
    databaseSpecifics(dialect);
  });
}

function databaseSpecifics(dialect: DbDialect): void {
  describe('as the database stores it', () => {
    let scratch: Scratch;
    let table: SqlResourceTable;
    before(async () => {
      scratch = await createScratch(dialect, 'none');
      table = await SqlResourceTable.open(metadataDbOf(scratch));
    });
    after(async () => {
      await table?.disconnect();
      await scratch?.drop();
    });

    it('writes the columns DolphinScheduler writes, times as local wall-clock time', async () => {
      const dir = await table.insert(row('/gitlab', { isDirectory: true }));
      await table.insert(row('/gitlab/a.sh', { pid: dir.id, size: 7, fileName: 'orig.sh' }));
      const time = dialect === 'postgresql' ? "to_char(create_time, 'YYYY-MM-DD HH24:MI:SS')" : "DATE_FORMAT(create_time, '%Y-%m-%d %H:%i:%s')";
      const rows = await scratch.exec(`SELECT id, pid, alias, file_name, full_name, is_directory, size, type, user_id, ${time} AS created
        FROM ${scratch.name}.t_ds_resources ORDER BY id`);
      const flag = (v: boolean) => (dialect === 'postgresql' ? v : v ? 1 : 0);
      assert.deepEqual(rows.map((r) => ({ ...r, id: Number(r.id), size: Number(r.size) })), [
        { id: 1, pid: -1, alias: 'gitlab', file_name: 'gitlab', full_name: '/gitlab', is_directory: flag(true), size: 0, type: 0, user_id: 1, created: '2024-05-01 12:34:56' },
        { id: 2, pid: 1, alias: 'a.sh', file_name: 'orig.sh', full_name: '/gitlab/a.sh', is_directory: flag(false), size: 7, type: 0, user_id: 1, created: '2024-05-01 12:34:56' },
      ]);
    });

    it('finds an existing table instead of creating one, and keeps its rows', async () => {
      const again = await SqlResourceTable.open(metadataDbOf(scratch));
      try {
        assert.deepEqual((await again.all()).map((r) => r.fullName), ['/gitlab', '/gitlab/a.sh']);
      } finally {
        await again.disconnect();
      }
    });

    // The 3.1 service answers a write with its `now` cut to the second; a listing shows what update_time kept of it.
    // A real MySQL rounds into `datetime` (the next second from .5 on: file-identity.ts sameServerFacts accepts it).
    it(dialect === 'postgresql' ? 'update_time keeps the write\'s milliseconds: a listing shows the answer\'s second'
      : 'MariaDB cuts update_time\'s milliseconds (it does not round as MySQL does): a listing shows the answer\'s second', async () => {
      const now = new Date(2024, 4, 1, 12, 34, 56, 900);
      const written = await table.insert(row('/late.sh', { updateTime: now }));
      try {
        const stored = (await table.byId(written.id))?.updateTime;
        assert.equal(stored?.getTime(), dialect === 'postgresql' ? now.getTime() : now.getTime() - 900);
        assert.equal(formatDsDate(stored ?? new Date(0)), formatDsDate(now));
      } finally {
        await table.delete(written.id);
      }
    });

    if (dialect === 'mysql') {
      it('MySQL utf8_general_ci: lookups and the unique key ignore case, as on a real server there', async () => {
        assert.equal((await table.byFullName('/GITLAB/A.SH', 0))?.fullName, '/gitlab/a.sh');
        await assert.rejects(table.insert(row('/GitLab', { isDirectory: true })), isRefusal('duplicateKey'));
      });
      it('MySQL utf8 (3 bytes): a 4-byte character fails the insert, and not as a known refusal', async () => {
        await assert.rejects(table.insert(row('/😀.sh')), (error: unknown) => !(error instanceof ResourceTableError) && /Incorrect string value/.test(String(error)));
      });
    } else {
      it('PostgreSQL: full names are case-sensitive', async () => {
        assert.equal(await table.byFullName('/GITLAB/A.SH', 0), undefined);
        await table.delete((await table.insert(row('/GitLab', { isDirectory: true }))).id);
      });
    }
  });
}
