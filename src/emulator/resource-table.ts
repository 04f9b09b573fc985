// The t_ds_resources table of 3.0/3.1 (dolphinscheduler_postgresql.sql / _mysql.sql, identical in
// 3.0.6 and 3.1.9), behind a narrow async interface so the in-memory table can later be joined by
// PostgreSQL and MySQL ones. Implementations enforce what the database enforces: the unique key
// (full_name, type) and the varchar lengths, counted in characters (code points) as both databases
// count them. The services rely on these failures: an alias over 64 characters is refused at insert.

export const RESOURCE_TYPE_FILE = 0;
export const RESOURCE_TYPE_UDF = 1;
export type ResourceTypeCode = typeof RESOURCE_TYPE_FILE | typeof RESOURCE_TYPE_UDF;

export interface ResourceRow {
  id: number;
  /** The name with its suffix: the `name` parameter. */
  alias: string | null;
  /** The original upload file name (the alias for directories and online-created files). */
  fileName: string | null;
  description: string | null;
  userId: number;
  type: ResourceTypeCode;
  /** Bytes; directories carry the sum kept by updateParentResourceSize. */
  size: number;
  createTime: Date;
  updateTime: Date;
  /** The parent directory's id, -1 at the root. */
  pid: number;
  /** "/dir/file.sh": leading slash, no trailing slash. */
  fullName: string;
  isDirectory: boolean;
}

export type NewResourceRow = Omit<ResourceRow, 'id'>;

/** varchar limits of t_ds_resources. */
export const COLUMN_LIMITS = { alias: 64, fileName: 64, description: 255, fullName: 128 } as const;

export type ResourceTableErrorKind = 'duplicateKey' | 'valueTooLong' | 'notFound';

/** What a database driver would raise (DuplicateKeyException, DataIntegrityViolationException). */
export class ResourceTableError extends Error {
  override readonly name = 'ResourceTableError';
  constructor(readonly kind: ResourceTableErrorKind, message: string) {
    super(message);
  }
}

export interface ResourceTable {
  /** Inserts and returns the row with its new id. */
  insert(row: NewResourceRow): Promise<ResourceRow>;
  /** Replaces every column of the row with this id. */
  update(row: ResourceRow): Promise<void>;
  delete(id: number): Promise<void>;
  byId(id: number): Promise<ResourceRow | undefined>;
  byFullName(fullName: string, type: ResourceTypeCode): Promise<ResourceRow | undefined>;
  childrenOf(pid: number): Promise<ResourceRow[]>;
  /** Every row, by ascending id. */
  all(): Promise<ResourceRow[]>;
}

/** Characters as the databases count them. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The first column over its varchar limit, if any. */
export function overlongColumn(row: NewResourceRow): keyof typeof COLUMN_LIMITS | undefined {
  for (const column of Object.keys(COLUMN_LIMITS) as (keyof typeof COLUMN_LIMITS)[]) {
    const value = row[column];
    if (value !== null && characterCount(value) > COLUMN_LIMITS[column]) return column;
  }
  return undefined;
}
