// The index over MySQL or MariaDB, through one mysql2 connection and server-side prepared statements.
// Read-only by session: right after login `SET SESSION TRANSACTION READ ONLY`, so any write sent on this
// connection fails with ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION (1792), whatever code sends it.
import mysql from 'mysql2/promise';
import { connectFailure, dbIndexError, driverCodeOf, isNetworkCode } from './diagnostics.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, type DbIndexError, type ResourceDbIndex, type ResourceDbSettings } from './port.js';
import type { RawRow } from './rows.js';
import { SqlResourceIndex } from './sql-index.js';
import { qualifiedTable, RESOURCES_TABLE } from './sql.js';

const READ_ONLY_SESSION = 'SET SESSION TRANSACTION READ ONLY';

/** Connects, logs in and makes the session read-only; every failure is a DbIndexError. */
export async function connectMysql(settings: ResourceDbSettings): Promise<mysql.Connection> {
  let connection: mysql.Connection;
  try {
    connection = await mysql.createConnection({
      host: settings.host,
      port: settings.port,
      user: settings.user,
      password: settings.password ?? '',
      database: settings.database,
      connectTimeout: settings.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      // utf8mb4 on the wire whatever the table's charset; bigint as strings, converted (and checked) in rows.ts.
      charset: 'utf8mb4',
      supportBigNumbers: true,
      bigNumberStrings: true,
    });
  } catch (err) {
    throw mysqlError(settings, err);
  }
  // A connection lost while idle is reported by the next query; without a listener it would crash the process.
  connection.on('error', () => undefined);
  try {
    await connection.query(READ_ONLY_SESSION);
    return connection;
  } catch (err) {
    connection.destroy();
    throw mysqlError(settings, err);
  }
}

/** The index over a session from connectMysql (server-side prepared statements). */
export function mysqlIndex(connection: mysql.Connection, settings: ResourceDbSettings): ResourceDbIndex {
  return new SqlResourceIndex({
    dialect: 'mysql',
    table: qualifiedTable('mysql'),
    execute: async (statement) => {
      try {
        const [rows] = await connection.execute<mysql.RowDataPacket[]>(statement.text, [...statement.params]);
        return rows as RawRow[];
      } catch (err) {
        throw mysqlError(settings, err);
      }
    },
    end: () => connection.end(),
  }, settings);
}

export async function openMysqlIndex(settings: ResourceDbSettings): Promise<ResourceDbIndex> {
  return mysqlIndex(await connectMysql(settings), settings);
}

/** Error names as mysql2 reports them (MySQL's include/mysqld_error.h); MariaDB uses the same numbers. */
function mysqlError(settings: ResourceDbSettings, err: unknown): DbIndexError {
  const code = driverCodeOf(err);
  const table = `${settings.database}.${RESOURCES_TABLE}`;
  switch (code) {
    case 'ER_ACCESS_DENIED_ERROR': // 1045: wrong user or password
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR': // 1698: MariaDB, unknown user or a user that needs another auth plugin
    case 'ER_DBACCESS_DENIED_ERROR': // 1044: no rights on the database
    case 'ER_HOST_NOT_PRIVILEGED': // 1130: this host may not log in
      return dbIndexError(settings, 'auth', 'login refused', err);
    case 'ER_TABLEACCESS_DENIED_ERROR': // 1142
    case 'ER_COLUMNACCESS_DENIED_ERROR': // 1143
      return dbIndexError(settings, 'auth', `not allowed to read ${table}`, err);
    case 'ER_BAD_DB_ERROR': // 1049
      return dbIndexError(settings, 'connect', 'no such database', err);
    case 'ER_NO_SUCH_TABLE': // 1146
      return dbIndexError(settings, 'missing-table', `no table ${table}`, err);
    case 'ER_BAD_FIELD_ERROR': // 1054
      return dbIndexError(settings, 'missing-table', `table ${table} lacks a column the index reads`, err);
    case 'ER_CON_COUNT_ERROR': // 1040: too many connections
    case 'ER_HOST_IS_BLOCKED': // 1129
      return dbIndexError(settings, 'connect', 'server refused the connection', err);
  }
  // mysql2 raises ETIMEDOUT itself when connectTimeout passes without the server's greeting.
  if (code === 'ETIMEDOUT') return connectFailure(settings, true, err);
  if (isNetworkCode(code) || code?.startsWith('PROTOCOL_') || (err as { fatal?: unknown } | null)?.fatal === true) {
    return connectFailure(settings, false, err);
  }
  return dbIndexError(settings, 'query', 'query failed', err);
}
