// Driver rows → ResourceRow. The two drivers disagree on types: pg returns bigint as a string and
// boolean as boolean; mysql2 (bigNumberStrings) returns bigint as a string and tinyint as a number.
// Both read timestamp/datetime (no time zone) as local time, as DolphinScheduler's JVM wrote it.
import type { ResourceRow } from './port.js';

export type RawRow = Record<string, unknown>;

export function toResourceRow(raw: RawRow): ResourceRow {
  return {
    id: toInteger(raw.id, 'id'),
    // ResourcesServiceImpl always writes pid; a NULL one is read as the root rather than dropping the row.
    pid: raw.pid === null ? -1 : toInteger(raw.pid, 'pid'),
    fullName: String(raw.full_name),
    alias: raw.alias === null ? '' : String(raw.alias),
    isDirectory: toBoolean(raw.is_directory),
    size: raw.size === null ? null : toInteger(raw.size, 'size'),
    updateTime: toDate(raw.update_time),
    description: raw.description === null ? null : String(raw.description),
  };
}

/** By full name, code unit order, so both dialects list in the same order whatever their collation. */
export function byFullName(a: ResourceRow, b: ResourceRow): number {
  return a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0;
}

export function toInteger(value: unknown, column: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`t_ds_resources.${column} is not an integer: ${String(value)}`);
  return n;
}

function toBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  // MySQL's is_directory is tinyint(4) DEFAULT NULL: NULL means a file, as Resource.isDirectory defaults to false.
  return value !== null && value !== undefined && Number(value) !== 0;
}

function toDate(value: unknown): Date | null {
  if (!(value instanceof Date)) return null;
  return Number.isNaN(value.getTime()) ? null : value;
}
