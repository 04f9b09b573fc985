// Throwaway DolphinScheduler metadata schemas on the real local servers: PostgreSQL (trust auth) at
// 127.0.0.1:5432 and MariaDB at 127.0.0.1:3306. Each scratch schema (PostgreSQL) or database (MySQL)
// gets a random name, is created with the DDL under test and is dropped by the test that made it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { createResourcesTable } from '../../src/db/ddl.js';
import type { DbDialect, ResourceDbSettings } from '../../src/db/port.js';

/** How the tests log in as administrator. The index under test gets settings from Scratch.settings. */
export const SERVERS: Readonly<Record<DbDialect, ResourceDbSettings>> = {
  postgresql: { type: 'postgresql', host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' },
  mysql: { type: 'mysql', host: '127.0.0.1', port: 3306, user: 'root', password: '', database: 'test' },
};

/** A t_ds_resources row as a test writes it; unset columns take what DolphinScheduler would write. */
export interface SeedRow {
  id: number;
  pid: number;
  fullName: string;
  isDirectory?: boolean | null;
  size?: number | null;
  /** Local wall-clock time 'YYYY-MM-DD HH:MM:SS', as the JVM writes it, or null. */
  updateTime?: string | null;
  description?: string | null;
  /** 0 FILE (default), 1 UDF. */
  type?: 0 | 1;
}

export interface Scratch {
  readonly dialect: DbDialect;
  /** The PostgreSQL schema or MySQL database. */
  readonly name: string;
  /** Settings that point the index at this scratch schema, as the administrator. */
  readonly settings: ResourceDbSettings;
  insert(rows: readonly SeedRow[]): Promise<void>;
  /** Runs one statement as the administrator, with the dialect's placeholders. */
  exec(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  count(): Promise<number>;
  drop(): Promise<void>;
}

export type ScratchTable = 'resources' | 'none' | ((name: string) => string);

/** A new schema (or database) with t_ds_resources from createResourcesTable, no table, or a table of the caller's making. */
export async function createScratch(dialect: DbDialect, table: ScratchTable = 'resources'): Promise<Scratch> {
  const name = `dolps_test_${randomBytes(6).toString('hex')}`;
  const admin = await adminConnection(dialect);
  const ddl = table === 'resources' ? createResourcesTable(dialect, name) : table === 'none' ? undefined : table(name);
  await admin.exec(dialect === 'postgresql' ? `CREATE SCHEMA ${name}` : `CREATE DATABASE ${name}`);
  if (ddl !== undefined) await admin.exec(ddl);
  const settings: ResourceDbSettings = dialect === 'postgresql'
    ? { ...SERVERS.postgresql, schema: name }
    : { ...SERVERS.mysql, database: name };
  const qualified = `${name}.t_ds_resources`;
  return {
    dialect,
    name,
    settings,
    exec: admin.exec,
    async insert(rows) {
      const columns = 'id, pid, full_name, alias, file_name, is_directory, size, type, user_id, create_time, update_time, description';
      const marks = dialect === 'postgresql' ? Array.from({ length: 12 }, (_, i) => `$${i + 1}`).join(', ') : Array(12).fill('?').join(', ');
      for (const row of rows) await admin.exec(`INSERT INTO ${qualified} (${columns}) VALUES (${marks})`, seedValues(dialect, row));
    },
    async count() {
      const [row] = await admin.exec(`SELECT COUNT(*) AS n FROM ${qualified}`);
      return Number(row?.n);
    },
    async drop() {
      try {
        await admin.exec(dialect === 'postgresql' ? `DROP SCHEMA ${name} CASCADE` : `DROP DATABASE ${name}`);
      } finally {
        await admin.close();
      }
    },
  };
}

function seedValues(dialect: DbDialect, row: SeedRow): unknown[] {
  const alias = row.fullName.slice(row.fullName.lastIndexOf('/') + 1);
  const isDirectory = row.isDirectory === undefined ? false : row.isDirectory;
  const dir = dialect === 'mysql' && typeof isDirectory === 'boolean' ? Number(isDirectory) : isDirectory;
  const updateTime = row.updateTime === undefined ? '2024-05-01 12:34:56' : row.updateTime;
  return [row.id, row.pid, row.fullName, alias, alias, dir, row.size ?? null, row.type ?? 0, 1, updateTime, updateTime, row.description ?? null];
}

interface AdminConnection {
  exec(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function adminConnection(dialect: DbDialect, connectTimeoutMs = 5000, s: ResourceDbSettings = SERVERS[dialect]): Promise<AdminConnection> {
  if (dialect === 'postgresql') {
    const client = new pg.Client({ host: s.host, port: s.port, user: s.user, database: s.database, connectionTimeoutMillis: connectTimeoutMs });
    client.on('error', () => undefined);
    await client.connect();
    return {
      exec: async (sql, params = []) => (await client.query({ text: sql, values: [...params] })).rows as Record<string, unknown>[],
      close: () => client.end(),
    };
  }
  const connection = await mysql.createConnection({ host: s.host, port: s.port, user: s.user, password: s.password ?? '', connectTimeout: connectTimeoutMs });
  connection.on('error', () => undefined);
  return {
    // query(), not execute(): CREATE USER and GRANT cannot be prepared; mysql2 escapes the values.
    exec: async (sql, params = []) => (await connection.query(sql, [...params]))[0] as Record<string, unknown>[],
    close: () => connection.end(),
  };
}

/** A MariaDB user with `password` who may read `database`; dropped by the returned function. */
export async function createMysqlUser(password: string, database: string): Promise<{ user: string; drop(): Promise<void> }> {
  const user = `dolps_pw_${randomBytes(4).toString('hex')}`;
  const admin = await adminConnection('mysql');
  try {
    await admin.exec("CREATE USER ?@'%' IDENTIFIED BY ?", [user, password]);
    await admin.exec(`GRANT SELECT ON \`${database}\`.* TO ?@'%'`, [user]);
  } catch (err) {
    await admin.close();
    throw err;
  }
  return {
    user,
    async drop() {
      try {
        await admin.exec("DROP USER ?@'%'", [user]);
      } finally {
        await admin.close();
      }
    },
  };
}

/** A TCP port nobody listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts connections and never says a word, like a firewall that swallows packets after the handshake. */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Whether the dialect's server answered: `reason` says why not. */
export interface ServerGate {
  dialect: DbDialect;
  reason?: string;
}

/** Logs in as administrator; `server` is replaceable to test the gate itself. */
export async function probeServer(dialect: DbDialect, server: ResourceDbSettings = SERVERS[dialect]): Promise<ServerGate> {
  try {
    const admin = await adminConnection(dialect, 2000, server);
    try {
      await admin.exec('SELECT 1');
    } finally {
      await admin.close();
    }
    return { dialect };
  } catch (err) {
    const words = err instanceof Error && err.message !== '' ? err.message : String((err as { code?: unknown }).code ?? err);
    return { dialect, reason: `${dialect} server at ${server.host}:${server.port} not reachable (${words})` };
  }
}

/**
 * Runs the suite when the server answered. When it did not: under CI (process.env.CI set) a test
 * named after the suite fails with the reason; otherwise the suite is reported as skipped with it.
 */
export function describeWithServer(gate: ServerGate, name: string, body: () => void): void {
  if (gate.reason === undefined) {
    describe(name, body);
  } else if (process.env.CI) {
    test(name, () => assert.fail(`${gate.reason}; CI is set, so a missing server fails the run`));
  } else {
    // A skipped test rather than a skipped suite, so the run's summary counts it.
    test(name, { skip: `${gate.reason}; set CI=1 to fail instead of skipping` }, () => undefined);
  }
}
