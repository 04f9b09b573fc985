// The metadata database as the 3.0/3.1 adapter's second source of what the server holds: t_ds_resources
// answers a whole listing (ids, kinds, sizes) in one query and a lookup without a request. It is only
// ever read, and only trusted once the API has confirmed one of its answers: the first answer that names
// a resource is checked with one API lookup of that full name (same id), so a [db] pointing at another
// DolphinScheduler's database is caught before any of its ids is used in a write. Whenever it fails or
// disagrees, one warning line is printed and the API answers for the rest of the run.
import type { Logger } from '../core/logger.js';
import { DbIndexError, type ResourceDbIndex, type ResourceRow } from '../db/port.js';
import type { KnownResource } from './v31-index.js';

export interface MetadataIndexOptions {
  /** Opened (connected, read-only session, table checked) by the caller; closed by the adapter. */
  index: ResourceDbIndex;
  /** Warned whatever the verbosity: the user asked for the database, and must learn it is not used. */
  logger: Logger;
}

/** What the API says is at a full name (undefined: nothing). */
export type ApiLookup = (fullName: string) => Promise<KnownResource | undefined>;

export class MetadataSource {
  private index: ResourceDbIndex | undefined;
  private verified = false;

  constructor(private readonly options: MetadataIndexOptions) {
    this.index = options.index;
  }

  /** "metadata database (PostgreSQL ds@db:5432/dolphinscheduler)": the listing source for the output. */
  get source(): string {
    return `metadata database (${this.options.index.describe})`;
  }

  /** The rows at and under `root`, or undefined when the database is not used (any more). */
  async listing(root: string, fromApi: ApiLookup): Promise<ResourceRow[] | undefined> {
    const rows = await this.read((index) => index.listSubtree(root));
    if (rows === undefined) return undefined;
    if (this.verified) return rows;
    // The newest row is where another server's database would first differ from this one's.
    const sample = rows.reduce<ResourceRow | undefined>((newest, row) => (newest === undefined || row.id > newest.id ? row : newest), undefined);
    const name = sample?.fullName ?? root;
    if (name === '/') return rows; // an empty Resource Center: nothing to compare, nothing to misuse
    return (await this.confirm(name, sample?.id, fromApi)).agreed ? rows : undefined;
  }

  /** What is at `fullName`, from the database when it is trusted, otherwise from `fromApi`. */
  async lookup(fullName: string, fromApi: ApiLookup): Promise<KnownResource | undefined> {
    const row = await this.read((index) => rowAt(index, fullName));
    if (row === undefined) return fromApi(fullName);
    const found = row === null ? undefined : knownOf(row);
    if (this.verified) return found;
    return (await this.confirm(fullName, found?.id, fromApi)).truth;
  }

  async close(): Promise<void> {
    const index = this.index;
    this.index = undefined;
    await index?.close().catch(() => undefined);
  }

  /** Compares the database's id for `fullName` with the API's; an agreement on a present resource makes the database trusted. */
  private async confirm(fullName: string, dbId: number | undefined, fromApi: ApiLookup): Promise<{ agreed: boolean; truth: KnownResource | undefined }> {
    const truth = await fromApi(fullName);
    if (truth?.id === dbId) {
      if (truth !== undefined) this.verified = true;
      return { agreed: true, truth };
    }
    const says = (id: number | undefined) => (id === undefined ? 'absent' : `id ${id}`);
    await this.drop(`${this.options.index.describe}: disagrees with the API: ${fullName} is ${says(dbId)} there but ${says(truth?.id)} on the server;`
      + ' point [db] at the metadata database of this DolphinScheduler');
    return { agreed: false, truth };
  }

  /** Runs a query; a DbIndexError drops the database (undefined), anything else is a bug and propagates. */
  private async read<T>(query: (index: ResourceDbIndex) => Promise<T>): Promise<T | undefined> {
    if (this.index === undefined) return undefined;
    try {
      return await query(this.index);
    } catch (error) {
      if (!(error instanceof DbIndexError)) throw error;
      await this.drop(error.message);
      return undefined;
    }
  }

  private async drop(reason: string): Promise<void> {
    if (this.index === undefined) return;
    this.options.logger.warn(metadataWarning(reason));
    await this.close();
  }
}

/** `metadata database <target>: <cause>; <fix>; using the API instead` (one line, logged as a warning). */
export function metadataWarning(reason: string): string {
  return `metadata database ${reason}; using the API instead`;
}

/**
 * The row named exactly `fullName`, or null. idOf answers "is it there" from the unique key; the kind and
 * description the adapter needs (a PUT sends the description back) come from the subtree query, which for
 * a file is that one row.
 */
async function rowAt(index: ResourceDbIndex, fullName: string): Promise<ResourceRow | null> {
  if ((await index.idOf(fullName)) === null) return null;
  return (await index.listSubtree(fullName)).find((row) => row.fullName === fullName) ?? null;
}

export function knownOf(row: ResourceRow): KnownResource {
  return { id: row.id, kind: row.isDirectory ? 'dir' : 'file', description: row.description ?? '' };
}
