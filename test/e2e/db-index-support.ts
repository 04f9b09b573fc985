// What the db-index e2e tests share: an emulator whose t_ds_resources lives in a throwaway database on
// the real PostgreSQL or MariaDB, and the DOLPS_DB_* environment that points dolps-sync at the same rows.
// dolps-sync reads schema `public` on PostgreSQL (there is no schema setting), so there each test gets a
// database of its own; on MariaDB the database is the schema.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DbDialect } from '../../src/db/port.js';
import { startEmulator, type Emulator, type MetadataDbSettings } from '../../src/emulator/index.js';
import { createScratch, SERVERS } from '../helpers/databases.js';

export const PRODUCT: Readonly<Record<DbDialect, string>> = { postgresql: 'PostgreSQL', mysql: 'MariaDB' };

export interface MetadataDatabase {
  settings: MetadataDbSettings;
  /** DOLPS_DB_* for dolps-sync, reading the same table as the emulator writes. */
  env: Record<string, string>;
  /** What dolps-sync prints as the index's target, e.g. "PostgreSQL postgres@127.0.0.1:5432/dolps_e2e_ab12". */
  target: string;
  exec(sql: string): Promise<void>;
  drop(): Promise<void>;
}

export async function createMetadataDatabase(dialect: DbDialect): Promise<MetadataDatabase> {
  if (dialect === 'mysql') {
    const scratch = await createScratch('mysql', 'none');
    const settings: MetadataDbSettings = { type: 'mysql', host: '127.0.0.1', port: 3306, user: 'root', password: '', database: scratch.name };
    return { settings, env: envOf(settings), target: `MySQL root@127.0.0.1:3306/${scratch.name}`, exec: async (sql) => { await scratch.exec(sql); }, drop: () => scratch.drop() };
  }
  const name = `dolps_e2e_${randomBytes(6).toString('hex')}`;
  await onPostgres('postgres', `CREATE DATABASE ${name}`);
  const settings: MetadataDbSettings = { type: 'postgresql', host: '127.0.0.1', port: 5432, user: 'postgres', database: name };
  return {
    settings, env: envOf(settings), target: `PostgreSQL postgres@127.0.0.1:5432/${name}`,
    exec: (sql) => onPostgres(name, sql),
    // FORCE: a dolps-sync killed by a test timeout may have left a session behind.
    drop: () => onPostgres('postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

function envOf(s: MetadataDbSettings): Record<string, string> {
  return {
    DOLPS_DB_TYPE: s.type, DOLPS_DB_HOST: s.host, DOLPS_DB_PORT: String(s.port), DOLPS_DB_USER: s.user, DOLPS_DB_NAME: s.database,
    ...(s.password ? { DOLPS_DB_PASSWORD: s.password } : {}),
  };
}

async function onPostgres(database: string, sql: string): Promise<void> {
  const { host, port, user } = SERVERS.postgresql;
  const client = new pg.Client({ host, port, user, database });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A 3.1 emulator writing its rows to `db`. */
export function emulatorOn(db: MetadataDatabase): Promise<Emulator> {
  return startEmulator({ generation: '3.1', metadataDb: db.settings });
}

/** The lines of stderr that start with `warning:`. */
export function warnings(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('warning:'));
}
