// The index itself, the same for every dialect: the SQL comes from sql.ts, and each dialect module
// supplies only how a statement runs on its read-only connection and how its errors read.
import { dbIndexError, describeTarget } from './diagnostics.js';
import type { DbDialect, ResourceDbIndex, ResourceDbSettings, ResourceRow } from './port.js';
import { byFullName, toInteger, toResourceRow, type RawRow } from './rows.js';
import { idQuery, probeQuery, subtreeQuery, type Statement } from './sql.js';

/** One dialect's read-only connection, as the index uses it. */
export interface ReadOnlySession {
  dialect: DbDialect;
  /** The qualified t_ds_resources table. */
  table: string;
  /** Runs a parameterised statement; failures come back as DbIndexError. */
  execute(statement: Statement): Promise<RawRow[]>;
  end(): Promise<void>;
}

export class SqlResourceIndex implements ResourceDbIndex {
  readonly describe: string;
  private closed = false;

  constructor(private readonly session: ReadOnlySession, private readonly settings: ResourceDbSettings) {
    this.describe = describeTarget(settings);
  }

  async listSubtree(root: string): Promise<ResourceRow[]> {
    const rows = await this.session.execute(subtreeQuery(this.session.dialect, this.session.table, root));
    return this.read(() => rows.map(toResourceRow).sort(byFullName));
  }

  async idOf(fullName: string): Promise<number | null> {
    const [row] = await this.session.execute(idQuery(this.session.dialect, this.session.table, fullName));
    return row === undefined ? null : this.read(() => toInteger(row['id'], 'id'));
  }

  async check(): Promise<void> {
    await this.session.execute(probeQuery(this.session.table));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.end();
  }

  private read<T>(convert: () => T): T {
    try {
      return convert();
    } catch (err) {
      throw dbIndexError(this.settings, 'query', 'unexpected value', err);
    }
  }
}
