// Every statement the index sends, per dialect. All are SELECTs with bound parameters; the only text
// spliced in is the table's qualified name, quoted as an identifier.
//
// Columns relied on (DolphinScheduler 3.1.9 dolphinscheduler_{postgresql,mysql}.sql, t_ds_resources):
//   id, pid, full_name, alias, is_directory, size, update_time, description, and type (0 FILE, 1 UDF).
// The unique key is (full_name, type), so a FILE and a UDF may share a full name.
import type { DbDialect } from './port.js';

export const RESOURCES_TABLE = 't_ds_resources';

/** The columns a ResourceRow is read from, in SELECT order. */
export const RESOURCE_COLUMNS = ['id', 'pid', 'full_name', 'alias', 'is_directory', 'size', 'update_time', 'description'] as const;

/** `resource_type` 0 in ResourceType.java; 1 is UDF. */
const FILE_TYPE = 0;

const SELECTED = RESOURCE_COLUMNS.join(', ');

export interface Statement {
  text: string;
  params: readonly (string | number)[];
}

/**
 * The subtree of `root`: the row named `root` itself and every row under `root + '/'`.
 * Without LIKE, so '%', '_' and '\' in names are plain characters, and '/gitlab2' is not under '/gitlab'.
 *
 * MySQL: DolphinScheduler creates the table with DEFAULT CHARSET=utf8, whose default collation is
 * case-, accent- and trailing-space-insensitive; comparing the bytes keeps '/GitLab' out of '/gitlab'.
 * PostgreSQL's default collations are deterministic, so plain comparison is already exact.
 */
export function subtreeQuery(dialect: DbDialect, table: string, root: string): Statement {
  const { exact, prefix } = subtreeBounds(root);
  if (dialect === 'postgresql') {
    return {
      text: `SELECT ${SELECTED} FROM ${table} WHERE type = ${FILE_TYPE}`
        + ' AND (full_name = $1 OR left(full_name, char_length($2)) = $2)',
      params: [exact, prefix],
    };
  }
  return {
    text: `SELECT ${SELECTED} FROM ${table} WHERE type = ${FILE_TYPE}`
      + ' AND (CAST(full_name AS BINARY) = CAST(? AS BINARY)'
      + ' OR CAST(LEFT(full_name, CHAR_LENGTH(?)) AS BINARY) = CAST(? AS BINARY))',
    params: [exact, prefix, prefix],
  };
}

/** MySQL: `full_name = ?` lets the unique key find the (collation-equal) row; the byte comparison makes it exact. */
export function idQuery(dialect: DbDialect, table: string, fullName: string): Statement {
  if (dialect === 'postgresql') {
    return { text: `SELECT id FROM ${table} WHERE type = ${FILE_TYPE} AND full_name = $1`, params: [fullName] };
  }
  return {
    text: `SELECT id FROM ${table} WHERE type = ${FILE_TYPE} AND full_name = ? AND CAST(full_name AS BINARY) = CAST(? AS BINARY)`,
    params: [fullName, fullName],
  };
}

/** Reads no row, but fails the way a real query would if the table or one of our columns is missing. */
export function probeQuery(table: string): Statement {
  return { text: `SELECT ${SELECTED}, type FROM ${table} WHERE 1 = 0`, params: [] };
}

/** `/gitlab/` and `/gitlab` are the same root; `/` is the whole tree (no row is named `/`). */
export function subtreeBounds(root: string): { exact: string; prefix: string } {
  if (!root.startsWith('/')) throw new RangeError(`resource root must start with '/': ${JSON.stringify(root)}`);
  const trimmed = root.replace(/\/+$/, '');
  return trimmed === '' ? { exact: '/', prefix: '/' } : { exact: trimmed, prefix: `${trimmed}/` };
}

/** `"schema".t_ds_resources` (PostgreSQL) or `` `database`.`t_ds_resources` `` (MySQL, when given). */
export function qualifiedTable(dialect: DbDialect, schema?: string): string {
  const table = quoteIdentifier(dialect, RESOURCES_TABLE);
  return schema === undefined ? table : `${quoteIdentifier(dialect, schema)}.${table}`;
}

export function quoteIdentifier(dialect: DbDialect, name: string): string {
  return dialect === 'postgresql' ? `"${name.replace(/"/g, '""')}"` : `\`${name.replace(/`/g, '``')}\``;
}
