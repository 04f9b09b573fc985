// One suite for the metadata-database index, run against each dialect's real server (postgres.test.ts,
// mysql.test.ts) over the same t_ds_resources rows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openResourceDbIndex } from '../../../src/db/open.js';
import type { DbDialect, ResourceDbIndex, ResourceRow } from '../../../src/db/port.js';
import { createScratch, type Scratch, type SeedRow } from '../../helpers/databases.js';

const BIG = 6_442_450_944; // past 2^32: bigint comes back as a string from both drivers

/** FILE rows unless `type: 1`. Names chosen so that LIKE without escaping, or a collation, would mix them up. */
export const SEED: readonly SeedRow[] = [
  { id: 1, pid: -1, fullName: '/gitlab', isDirectory: true, size: BIG + 250, description: 'synced from git' },
  { id: 2, pid: 1, fullName: '/gitlab/a.sh', size: 100, updateTime: '2023-12-31 23:59:59' },
  { id: 3, pid: 1, fullName: '/gitlab/sql', isDirectory: true, size: BIG + 150 },
  { id: 4, pid: 3, fullName: '/gitlab/sql/b.sql', size: 150 },
  { id: 5, pid: 3, fullName: '/gitlab/sql/deep', isDirectory: true, size: BIG, updateTime: null },
  { id: 6, pid: 5, fullName: '/gitlab/sql/deep/c.py', size: BIG },
  { id: 7, pid: -1, fullName: '/gitlab2', isDirectory: true, size: 10 },
  { id: 8, pid: 7, fullName: '/gitlab2/x.sh', size: 10 },
  { id: 9, pid: -1, fullName: '/gitlab-old.sh', size: 5, isDirectory: null },
  { id: 10, pid: 1, fullName: '/gitlab/udf.jar', size: 7, type: 1 },
  { id: 11, pid: -1, fullName: '/gitlab', isDirectory: true, size: 7, type: 1 },
  { id: 20, pid: -1, fullName: '/odd', isDirectory: true, size: null },
  { id: 21, pid: 20, fullName: '/odd/100%', isDirectory: true },
  { id: 22, pid: 21, fullName: '/odd/100%/p.sh', size: 1 },
  { id: 23, pid: 20, fullName: '/odd/100x', isDirectory: true },
  { id: 24, pid: 23, fullName: '/odd/100x/q.sh', size: 2 },
  { id: 25, pid: 20, fullName: '/odd/a_b', isDirectory: true },
  { id: 26, pid: 25, fullName: '/odd/a_b/r.sh', size: 3 },
  { id: 27, pid: 20, fullName: '/odd/axb', isDirectory: true },
  { id: 28, pid: 27, fullName: '/odd/axb/s.sh', size: 4 },
  { id: 29, pid: 20, fullName: '/odd/back\\slash', isDirectory: true },
  { id: 30, pid: 29, fullName: '/odd/back\\slash/t.sh', size: 5 },
  { id: 31, pid: 20, fullName: '/odd/backslash', isDirectory: true },
  { id: 32, pid: 31, fullName: '/odd/backslash/u.sh', size: 6 },
  { id: 33, pid: 20, fullName: "/odd/it's", isDirectory: true },
  { id: 34, pid: 33, fullName: "/odd/it's/v \"quoted\".sh", size: 7, description: "l'été" },
  { id: 35, pid: 20, fullName: '/odd/ünï 日本', isDirectory: true },
  { id: 36, pid: 35, fullName: '/odd/ünï 日本/w x.sh', size: 8 },
  { id: 37, pid: 20, fullName: '/odd/café.sql', size: 9 },
  { id: 38, pid: 20, fullName: '/odd/pad.sh ', size: 10 },
  { id: 39, pid: -1, fullName: '/Other', isDirectory: true },
  { id: 40, pid: 39, fullName: '/Other/x.sh', size: 11 },
];

/** What the index should return for the FILE seed rows with these ids, in fullName order. */
function expected(ids: readonly number[]): ResourceRow[] {
  return SEED.filter((row) => ids.includes(row.id) && (row.type ?? 0) === 0)
    .map((row): ResourceRow => ({
      id: row.id,
      pid: row.pid,
      fullName: row.fullName,
      alias: row.fullName.slice(row.fullName.lastIndexOf('/') + 1),
      isDirectory: row.isDirectory === true,
      size: row.size ?? null,
      updateTime: localTime(row.updateTime === undefined ? '2024-05-01 12:34:56' : row.updateTime),
      description: row.description ?? null,
    }))
    .sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
}

function localTime(text: string | null): Date | null {
  if (text === null) return null;
  const [y, mo, d, h, mi, s] = text.split(/[- :]/).map(Number) as [number, number, number, number, number, number];
  return new Date(y, mo - 1, d, h, mi, s);
}

/** Column → type as information_schema reports DolphinScheduler 3.1.9's own DDL on these servers. */
const DS_319_COLUMNS: Record<DbDialect, Record<string, string>> = {
  postgresql: {
    id: 'integer', alias: 'character varying(64)', file_name: 'character varying(64)', description: 'character varying(255)',
    user_id: 'integer', type: 'integer', size: 'bigint', create_time: 'timestamp without time zone',
    update_time: 'timestamp without time zone', pid: 'integer', full_name: 'character varying(128)', is_directory: 'boolean',
  },
  mysql: {
    id: 'int(11)', alias: 'varchar(64)', file_name: 'varchar(64)', description: 'varchar(255)', user_id: 'int(11)',
    type: 'tinyint(4)', size: 'bigint(20)', create_time: 'datetime', update_time: 'datetime', pid: 'int(11)',
    full_name: 'varchar(128)', is_directory: 'tinyint(4)',
  },
};

async function describeTable(scratch: Scratch): Promise<[Record<string, string>, string[]]> {
  const pg = scratch.dialect === 'postgresql';
  const type = pg
    ? "data_type || COALESCE('(' || character_maximum_length || ')', '')"
    : 'column_type';
  const where = `table_schema = ${pg ? '$1' : '?'} AND table_name = 't_ds_resources'`;
  const columns = await scratch.exec(`SELECT column_name AS name, ${type} AS type FROM information_schema.columns WHERE ${where}`, [scratch.name]);
  const unique = await scratch.exec(
    `SELECT column_name AS name FROM information_schema.key_column_usage WHERE ${where} AND constraint_name = 't_ds_resources_un' ORDER BY ordinal_position`,
    [scratch.name],
  );
  return [Object.fromEntries(columns.map((c) => [String(c.name), String(c.type)])), unique.map((c) => String(c.name))];
}

const ids = (rows: readonly ResourceRow[]): number[] => rows.map((row) => row.id);

export function resourceIndexSuite(dialect: DbDialect): void {
  describe('listing and lookups over one seeded t_ds_resources', () => {
    let scratch: Scratch;
    let index: ResourceDbIndex;

    before(async () => {
      scratch = await createScratch(dialect);
      await scratch.insert(SEED);
      index = await openResourceDbIndex(scratch.settings);
    });
    after(async () => {
      await index?.close();
      await scratch?.drop();
    });

    it("creates t_ds_resources with DolphinScheduler 3.1.9's columns, types and unique key", async () => {
      const [columns, unique] = await describeTable(scratch);
      assert.deepEqual(columns, DS_319_COLUMNS[dialect]);
      assert.deepEqual(unique, ['full_name', 'type']);
    });

    it('check() accepts the table as DolphinScheduler 3.1.9 creates it', async () => {
      await index.check();
    });

    it('lists a root and everything under it, nested directories included, with ids, parents, sizes and times', async () => {
      assert.deepEqual(await index.listSubtree('/gitlab'), expected([1, 2, 3, 4, 5, 6]));
    });

    it("does not put '/gitlab2' or '/gitlab-old.sh' under '/gitlab', nor '/gitlab' under '/gitlab2'", async () => {
      assert.deepEqual(ids(await index.listSubtree('/gitlab')), [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(ids(await index.listSubtree('/gitlab2')), [7, 8]);
    });

    it("reads '/' as the whole tree and '/gitlab/' as '/gitlab'", async () => {
      const all = SEED.filter((row) => (row.type ?? 0) === 0).map((row) => row.id);
      assert.deepEqual(await index.listSubtree('/'), expected(all));
      assert.deepEqual(ids(await index.listSubtree('/gitlab/')), [1, 2, 3, 4, 5, 6]);
    });

    it('lists a single file as its own subtree, and nothing for an unknown root', async () => {
      assert.deepEqual(await index.listSubtree('/gitlab/sql/b.sql'), expected([4]));
      assert.deepEqual(await index.listSubtree('/nope'), []);
    });

    it('leaves out UDF rows (type 1), even one sharing a FILE row\'s full name', async () => {
      const listed = ids(await index.listSubtree('/'));
      assert.ok(!listed.includes(10) && !listed.includes(11));
      assert.equal(await index.idOf('/gitlab/udf.jar'), null);
      assert.equal(await index.idOf('/gitlab'), 1);
    });

    it("takes '%', '_' and '\\' in a root literally (no LIKE wildcard or escape)", async () => {
      assert.deepEqual(ids(await index.listSubtree('/odd/100%')), [21, 22]);
      assert.deepEqual(ids(await index.listSubtree('/odd/a_b')), [25, 26]);
      assert.deepEqual(ids(await index.listSubtree('/odd/back\\slash')), [29, 30]);
      assert.deepEqual(ids(await index.listSubtree('/odd/backslash')), [31, 32]);
    });

    it('lists names with a quote, double quotes, unicode and spaces', async () => {
      assert.deepEqual(await index.listSubtree("/odd/it's"), expected([33, 34]));
      assert.deepEqual(await index.listSubtree('/odd/ünï 日本'), expected([35, 36]));
    });

    it('idOf finds files and directories by exact full name, awkward names included', async () => {
      const cases: [string, number][] = [
        ['/gitlab/sql/deep/c.py', 6], ['/gitlab/sql', 3], ['/odd/100%/p.sh', 22], ['/odd/a_b/r.sh', 26],
        ['/odd/back\\slash/t.sh', 30], ["/odd/it's/v \"quoted\".sh", 34], ['/odd/ünï 日本/w x.sh', 36],
        ['/odd/café.sql', 37], ['/odd/pad.sh ', 38],
      ];
      for (const [name, id] of cases) assert.equal(await index.idOf(name), id, name);
      assert.equal(await index.idOf('/gitlab/missing.sh'), null);
      assert.equal(await index.idOf('/odd/100_/p.sh'), null);
    });

    // DolphinScheduler's MySQL table is utf8 with a case-, accent- and trailing-space-insensitive collation;
    // the index compares exactly anyway, as the planner compares paths from git exactly.
    it('compares names exactly: no case, accent or trailing-space folding', async () => {
      if (dialect === 'mysql') {
        // The trap is real: the table's own collation finds '/Other/x.sh' for '/other/x.sh'.
        const folded = await scratch.exec(`SELECT id FROM ${scratch.name}.t_ds_resources WHERE full_name = ?`, ['/other/x.sh']);
        assert.deepEqual(folded.map((row) => Number(row.id)), [40]);
      }
      assert.equal(await index.idOf('/other/x.sh'), null);
      assert.deepEqual(await index.listSubtree('/other'), []);
      assert.equal(await index.idOf('/odd/cafe.sql'), null);
      assert.equal(await index.idOf('/odd/pad.sh'), null);
      assert.equal(await index.idOf('/GITLAB/a.sh'), null);
    });

    it('returns sizes past 2^32 as numbers and a NULL size as null', async () => {
      const [root] = await index.listSubtree('/gitlab');
      assert.equal(root?.size, BIG + 250);
      const [odd] = await index.listSubtree('/odd');
      assert.equal(odd?.size, null);
    });

    it('rejects a root that is not absolute', async () => {
      await assert.rejects(index.listSubtree('gitlab'), RangeError);
    });
  });
}
