// t_ds_resources in a real PostgreSQL or MySQL/MariaDB database, created with DolphinScheduler's own DDL
// (src/db/ddl.ts) and written the way ResourceMapper (MyBatis-Plus) writes it: the id from the sequence or
// AUTO_INCREMENT, every column on update, `full_name = ?` lookups in the table's own collation. What the
// database refuses (the unique key, the varchar lengths) becomes the ResourceTableError the in-memory table
// raises, so the services answer the same codes on every table.
import { createResourcesTable } from '../db/ddl.js';
import { qualifiedTable, RESOURCES_TABLE } from '../db/sql.js';
import { connectMetadataDb, refusalKind, type MetadataDbSettings, type SqlConnection, type SqlValue } from './metadata-db.js';
import {
  ResourceTableError, type NewResourceRow, type ResourceRow, type ResourceTable, type ResourceTypeCode,
} from './resource-table.js';

const COLUMNS = ['alias', 'file_name', 'description', 'user_id', 'type', 'size', 'create_time', 'update_time', 'pid', 'full_name', 'is_directory'] as const;
const SELECTED = `id, ${COLUMNS.join(', ')}`;

export class SqlResourceTable implements ResourceTable {
  private readonly table: string;
  /** PostgreSQL: the schema; MySQL: undefined (the connection's database). */
  private readonly schema: string | undefined;
  private connection: SqlConnection | undefined;

  private constructor(private readonly settings: MetadataDbSettings) {
    this.schema = settings.type === 'postgresql' ? settings.schema ?? 'public' : undefined;
    this.table = qualifiedTable(settings.type, this.schema);
  }

  /** Connects and creates t_ds_resources when the schema (PostgreSQL) or database (MySQL) has none yet. */
  static async open(settings: MetadataDbSettings): Promise<SqlResourceTable> {
    const table = new SqlResourceTable(settings);
    const db = await table.reconnect();
    try {
      if (!(await tableExists(db, table.schema ?? settings.database))) await db.query(createResourcesTable(db.dialect, table.schema));
    } catch (error) {
      await table.disconnect().catch(() => undefined);
      throw new Error(`metadata database ${db.target}: cannot create ${RESOURCES_TABLE}: ${(error as Error).message}`, { cause: error });
    }
    return table;
  }

  /** Connects unless connected (the emulator's restart() after stop()). */
  async reconnect(): Promise<SqlConnection> {
    this.connection ??= await connectMetadataDb(this.settings);
    return this.connection;
  }

  /** Closes the connection, so a stopped emulator leaves no socket open; rows stay in the database. */
  async disconnect(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }

  async insert(row: NewResourceRow): Promise<ResourceRow> {
    const marks = COLUMNS.map(() => '?').join(', ');
    const returning = this.db.dialect === 'postgresql' ? ' RETURNING id' : '';
    const id = await this.refused(() => this.db.insert(`INSERT INTO ${this.table} (${COLUMNS.join(', ')}) VALUES (${marks})${returning}`, values(row)));
    return { ...row, id };
  }

  async update(row: ResourceRow): Promise<void> {
    const assignments = COLUMNS.map((column) => `${column} = ?`).join(', ');
    const matched = await this.refused(() => this.db.change(`UPDATE ${this.table} SET ${assignments} WHERE id = ?`, [...values(row), row.id]));
    if (matched === 0) throw new ResourceTableError('notFound', `no resource with id ${row.id}`);
  }

  async delete(id: number): Promise<void> {
    await this.db.change(`DELETE FROM ${this.table} WHERE id = ?`, [id]);
  }

  async byId(id: number): Promise<ResourceRow | undefined> {
    const [row] = await this.db.query(`SELECT ${SELECTED} FROM ${this.table} WHERE id = ?`, [id]);
    return row === undefined ? undefined : toRow(row);
  }

  /** ResourceMapper.queryResource: `full_name = ?`, so on MySQL's utf8_general_ci '/A.sh' finds '/a.sh', as there. */
  async byFullName(fullName: string, type: ResourceTypeCode): Promise<ResourceRow | undefined> {
    const [row] = await this.db.query(`SELECT ${SELECTED} FROM ${this.table} WHERE full_name = ? AND type = ? ORDER BY id`, [fullName, type]);
    return row === undefined ? undefined : toRow(row);
  }

  async childrenOf(pid: number): Promise<ResourceRow[]> {
    return (await this.db.query(`SELECT ${SELECTED} FROM ${this.table} WHERE pid = ? ORDER BY id`, [pid])).map(toRow);
  }

  async all(): Promise<ResourceRow[]> {
    return (await this.db.query(`SELECT ${SELECTED} FROM ${this.table} ORDER BY id`)).map(toRow);
  }

  private get db(): SqlConnection {
    if (this.connection === undefined) throw new Error('the emulator is stopped: its metadata database connection is closed');
    return this.connection;
  }

  private async refused<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const kind = refusalKind(error);
      if (kind === undefined) throw error;
      throw new ResourceTableError(kind, `${(error as Error).message} (t_ds_resources in ${this.db.target})`);
    }
  }
}

async function tableExists(db: SqlConnection, schema: string): Promise<boolean> {
  const [row] = await db.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = ?', [schema, RESOURCES_TABLE]);
  return Number(row?.n) > 0;
}

// The times go in with their milliseconds, as MyBatis binds the service's java.util.Date: PostgreSQL's timestamp
// keeps them, MariaDB cuts them and MySQL rounds them into DolphinScheduler's `datetime` columns, as there.
function values(row: NewResourceRow): SqlValue[] {
  return [row.alias, row.fileName, row.description, row.userId, row.type, row.size, row.createTime, row.updateTime, row.pid, row.fullName, row.isDirectory];
}

/** pg: bigint as a string, boolean as boolean; mysql2: bigint as a string, tinyint as a number. */
function toRow(raw: Record<string, unknown>): ResourceRow {
  return {
    id: Number(raw.id),
    alias: nullableText(raw.alias),
    fileName: nullableText(raw.file_name),
    description: nullableText(raw.description),
    userId: Number(raw.user_id),
    type: Number(raw.type) === 1 ? 1 : 0,
    size: Number(raw.size ?? 0),
    createTime: raw.create_time as Date,
    updateTime: raw.update_time as Date,
    pid: Number(raw.pid),
    fullName: String(raw.full_name),
    isDirectory: raw.is_directory === true || Number(raw.is_directory) === 1,
  };
}

function nullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
