// The index over PostgreSQL, through one pg.Client (a sync asks a handful of queries; a pool buys nothing).
// Read-only by session: right after login the session is set to READ ONLY, so any write sent on this
// connection fails with SQLSTATE 25006 (read_only_sql_transaction), whatever code sends it.
import pg from 'pg';
import { connectFailure, dbIndexError, driverCodeOf, isNetworkCode } from './diagnostics.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, type DbIndexError, type ResourceDbIndex, type ResourceDbSettings } from './port.js';
import type { RawRow } from './rows.js';
import { SqlResourceIndex } from './sql-index.js';
import { qualifiedTable, RESOURCES_TABLE } from './sql.js';

/** The SQL-standard spelling of `default_transaction_read_only = on` for this session. */
const READ_ONLY_SESSION = 'SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY';

/** Connects, logs in and makes the session read-only; every failure is a DbIndexError. */
export async function connectPostgres(settings: ResourceDbSettings): Promise<pg.Client> {
  const timeoutMs = settings.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const client = new pg.Client({
    host: settings.host,
    port: settings.port,
    user: settings.user,
    password: settings.password,
    database: settings.database,
    connectionTimeoutMillis: timeoutMs,
    application_name: 'dolps-sync',
  });
  // A connection lost while idle is reported by the next query; without a listener it would crash the process.
  client.on('error', () => undefined);
  // pg's own timeout error has no code; this timer, started first with the same delay, fires first and says so.
  let timedOut = false;
  const deadline = setTimeout(() => { timedOut = true; }, timeoutMs);
  try {
    await client.connect();
    await client.query(READ_ONLY_SESSION);
    return client;
  } catch (err) {
    await client.end().catch(() => undefined);
    throw postgresError(settings, err, timedOut);
  } finally {
    clearTimeout(deadline);
  }
}

/** The index over a session from connectPostgres. */
export function postgresIndex(client: pg.Client, settings: ResourceDbSettings): ResourceDbIndex {
  return new SqlResourceIndex({
    dialect: 'postgresql',
    table: qualifiedTable('postgresql', settings.schema ?? 'public'),
    execute: async (statement) => {
      try {
        return (await client.query<RawRow>({ text: statement.text, values: [...statement.params] })).rows;
      } catch (err) {
        throw postgresError(settings, err, false);
      }
    },
    end: () => client.end(),
  }, settings);
}

export async function openPostgresIndex(settings: ResourceDbSettings): Promise<ResourceDbIndex> {
  return postgresIndex(await connectPostgres(settings), settings);
}

/** SQLSTATEs from PostgreSQL's errcodes.txt (appendix A of its manual). */
function postgresError(settings: ResourceDbSettings, err: unknown, timedOut: boolean): DbIndexError {
  const code = driverCodeOf(err);
  const table = `${settings.schema ?? 'public'}.${RESOURCES_TABLE}`;
  switch (code) {
    case '28P01': // invalid_password
    case '28000': // invalid_authorization_specification: unknown role, pg_hba.conf rejects
      return dbIndexError(settings, 'auth', 'login refused', err);
    case '42501': // insufficient_privilege
      return dbIndexError(settings, 'auth', `not allowed to read ${table}`, err);
    case '3D000': // invalid_catalog_name
      return dbIndexError(settings, 'connect', 'no such database', err);
    case '42P01': // undefined_table (also when the schema does not exist)
    case '3F000': // invalid_schema_name
      return dbIndexError(settings, 'missing-table', `no table ${table}`, err);
    case '42703': // undefined_column
      return dbIndexError(settings, 'missing-table', `table ${table} lacks a column the index reads`, err);
  }
  // Class 08 is connection_exception, 57P0x the server shutting down or starting, 53300 too_many_connections.
  // pg's own errors (timeout, connection terminated, not queryable) carry no code and are about the connection too.
  if (code === undefined || isNetworkCode(code) || code.startsWith('08') || code.startsWith('57P') || code === '53300') {
    return connectFailure(settings, timedOut, err);
  }
  return dbIndexError(settings, 'query', 'query failed', err);
}
