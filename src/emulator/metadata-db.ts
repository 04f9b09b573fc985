// The emulator's connection to a real metadata database (PostgreSQL, or MySQL/MariaDB), where it keeps
// t_ds_resources as a DolphinScheduler 3.0/3.1 server would. One connection per emulator: the drivers
// queue concurrent queries, and the services issue single statements (autocommit), as MyBatis does.
import mysql from 'mysql2/promise';
import pg from 'pg';
import { describeTarget, driverWords } from '../db/diagnostics.js';
import type { DbDialect, ResourceDbSettings } from '../db/port.js';

/** Where the emulator keeps t_ds_resources: the same settings dolps-sync's index reads with. */
export type MetadataDbSettings = Omit<ResourceDbSettings, 'connectTimeoutMs'>;

/** What the table binds: text, numbers, booleans (is_directory), timestamps, NULL. */
export type SqlValue = string | number | boolean | Date | null;

export interface SqlConnection {
  readonly dialect: DbDialect;
  /** "PostgreSQL postgres@127.0.0.1:5432/test schema x", for messages. */
  readonly target: string;
  /** Runs one statement written with `?` placeholders; resolves with its rows (none for a write). */
  query(sql: string, params?: readonly SqlValue[]): Promise<Record<string, unknown>[]>;
  /** Runs an INSERT and resolves with the new row's id (PostgreSQL statements end in RETURNING id). */
  insert(sql: string, params: readonly SqlValue[]): Promise<number>;
  /** Runs an UPDATE or DELETE and resolves with the number of rows it matched. */
  change(sql: string, params: readonly SqlValue[]): Promise<number>;
  close(): Promise<void>;
}

/** Connects; a failure is an Error naming the server (never the password) and the driver's reason. */
export async function connectMetadataDb(settings: MetadataDbSettings): Promise<SqlConnection> {
  const target = describeTarget(settings);
  try {
    return settings.type === 'postgresql' ? await connectPostgres(settings, target) : await connectMysql(settings, target);
  } catch (error) {
    throw new Error(`metadata database ${target}: ${driverWords(error, settings.password)}`, { cause: error });
  }
}

async function connectPostgres(settings: MetadataDbSettings, target: string): Promise<SqlConnection> {
  const client = new pg.Client({
    host: settings.host, port: settings.port, user: settings.user, password: settings.password,
    database: settings.database, connectionTimeoutMillis: 5000, application_name: 'dolps-emulator',
  });
  client.on('error', () => undefined);
  await client.connect();
  // One statement at a time: pg queues concurrent queries itself, but that use is deprecated (pg 9 drops it).
  let tail: Promise<unknown> = Promise.resolve();
  const run = (sql: string, params: readonly SqlValue[]) => {
    const result = tail.then(() => client.query({ text: numbered(sql), values: [...params] }));
    tail = result.catch(() => undefined);
    return result;
  };
  return {
    dialect: 'postgresql',
    target,
    query: async (sql, params = []) => (await run(sql, params)).rows as Record<string, unknown>[],
    insert: async (sql, params) => Number((await run(sql, params)).rows[0]?.id),
    change: async (sql, params) => (await run(sql, params)).rowCount ?? 0,
    close: () => client.end(),
  };
}

async function connectMysql(settings: MetadataDbSettings, target: string): Promise<SqlConnection> {
  const connection = await mysql.createConnection({
    host: settings.host, port: settings.port, user: settings.user, password: settings.password ?? '',
    database: settings.database, connectTimeout: 5000,
    // What Connector/J negotiates for characterEncoding=UTF-8: a 4-byte character then fails on the utf8 (3-byte) table, as on a real server.
    charset: 'utf8mb4', supportBigNumbers: true, bigNumberStrings: true,
  });
  connection.on('error', () => undefined);
  // MySQL 5.7+ and MariaDB 10.2.4+ are strict by default; a server configured otherwise would truncate an
  // over-long name silently instead of failing the insert, which no test of the services could rely on.
  await connection.query("SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_TRANS_TABLES')");
  const run = async (sql: string, params: readonly SqlValue[]) => (await connection.execute(sql, [...params]))[0];
  return {
    dialect: 'mysql',
    target,
    query: async (sql, params = []) => {
      const rows = await run(sql, params);
      return Array.isArray(rows) ? rows as Record<string, unknown>[] : [];
    },
    insert: async (sql, params) => (await run(sql, params) as mysql.ResultSetHeader).insertId,
    // mysql2 asks for FOUND_ROWS, so affectedRows counts matched rows, changed or not.
    change: async (sql, params) => (await run(sql, params) as mysql.ResultSetHeader).affectedRows,
    close: () => connection.end(),
  };
}

/** `?` → `$1, $2, …` (the statements here have no `?` inside literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** What a database refusal means to the services, by SQLSTATE (pg) or error name (mysql2). */
export function refusalKind(error: unknown): 'duplicateKey' | 'valueTooLong' | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '23505' || code === 'ER_DUP_ENTRY') return 'duplicateKey';
  if (code === '22001' || code === 'ER_DATA_TOO_LONG') return 'valueTooLong';
  return undefined;
}
