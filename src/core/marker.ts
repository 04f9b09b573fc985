// The state marker lives in the remote root, so any machine (a new CI runner, a laptop) diffs from
// what was really synced last. Written only after a run in which every operation succeeded.
import type { Operation } from './operation.js';
import { parseRepositoryIdentity, type RepositoryIdentity } from './repository-identity.js';
import type { FileIdentity } from './file-identity.js';
import type { ManagedFunction } from './udf-function.js';
import { isRecordedJar } from './udf-jars.js';

export const MARKER_NAME = '.dolps-sync-state.json';

export interface Marker {
  version: 1;
  /** The commit the remote root equals (as far as the server rules allow). */
  commit: string;
  /** The local root relative to the repository top, '' for the whole repository. */
  localRoot: string;
  remoteRoot: string;
  /** ISO time of the sync, supplied by the caller. */
  syncedAt: string;
  tool: string;
  /**
   * The files under the remote root that dolps-sync put there and still manages, relative paths.
   * A full reconcile (after a force-push) deletes those that the commit no longer has, and only
   * those: files someone else created stay unless --prune.
   */
  files: string[];
  /**
   * The UDF functions dolps-sync created or adopted, by name and id (issue 13). Absent in markers
   * written before UDF support and for repositories without a UDF folder; it reads as none.
   * Only these are ever deleted, and only while the server's function of that name has this id.
   */
  functions?: ManagedFunction[];
  /**
   * The UDF jars dolps-sync put in the UDF tree, as absolute paths there ("/gitlab/acme-udfs.jar").
   * Absent in markers written before and for repositories without a UDF folder; it reads as none
   * (the folder's jars already in the UDF tree are recorded by the next run). Only these are deleted.
   */
  udfJars?: string[];
  /** Which repository wrote it (issue 11 case 4). Absent in markers written before: adopted, then recorded. */
  repository?: RepositoryIdentity;
  /**
   * Per managed file: content id, and size and update time as the server listed them right after the
   * write (issue 12). Absent in older markers: it reads as none, and those files are compared the old way.
   */
  contents?: Record<string, FileIdentity>;
}

export type MarkerReading = { marker: Marker } | { invalid: string };

export function serializeMarker(marker: Marker): string {
  return `${JSON.stringify(marker, null, 2)}\n`;
}

export function parseMarker(text: string): MarkerReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { invalid: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { invalid: 'not an object' };
  const record = value as Record<string, unknown>;
  if (record['version'] !== 1) return { invalid: `unknown version ${JSON.stringify(record['version'])}` };
  const { commit, localRoot, remoteRoot, syncedAt, tool } = record;
  if (typeof commit !== 'string' || !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) return { invalid: 'no valid commit' };
  if (typeof localRoot !== 'string' || typeof remoteRoot !== 'string') return { invalid: 'no roots' };
  const files = Array.isArray(record['files']) ? record['files'].filter((f): f is string => typeof f === 'string') : [];
  const functions = Array.isArray(record['functions']) ? record['functions'].filter(isManagedFunction) : undefined;
  const udfJars = Array.isArray(record['udfJars']) ? record['udfJars'].filter(isRecordedJar) : undefined;
  return {
    marker: {
      version: 1, commit, localRoot, remoteRoot, files,
      syncedAt: typeof syncedAt === 'string' ? syncedAt : '',
      tool: typeof tool === 'string' ? tool : '',
      ...(functions === undefined ? {} : { functions: functions.map(({ name, id }) => ({ name, id })) }),
      ...(udfJars === undefined ? {} : { udfJars }),
      ...repositoryOf(record['repository']),
      ...contentsOf(record['contents']),
    },
  };
}

function repositoryOf(value: unknown): { repository?: RepositoryIdentity } {
  const repository = parseRepositoryIdentity(value);
  return repository === undefined ? {} : { repository };
}

function isManagedFunction(value: unknown): value is ManagedFunction {
  if (typeof value !== 'object' || value === null) return false;
  const { name, id } = value as Record<string, unknown>;
  return typeof name === 'string' && name !== '' && Number.isSafeInteger(id) && (id as number) > 0;
}

/** A function operation that went through, with the function's id (for a create: read back after it). */
export interface AppliedFunction {
  op: 'func-create' | 'func-update' | 'func-delete';
  function: string;
  id: number;
}

/** The managed functions after a run in which every operation succeeded, by name. */
export function nextManagedFunctions(
  previous: readonly ManagedFunction[], adopted: readonly ManagedFunction[], applied: readonly AppliedFunction[],
): ManagedFunction[] {
  const functions = new Map(previous.map((f) => [f.name, f.id]));
  for (const f of adopted) functions.set(f.name, f.id);
  for (const f of applied) {
    if (f.op === 'func-delete') functions.delete(f.function);
    else functions.set(f.function, f.id);
  }
  return [...functions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, id]) => ({ name, id }));
}

/** The managed files after a run in which every operation succeeded. */
export function nextManagedFiles(previous: readonly string[], applied: readonly Operation[]): string[] {
  const files = new Set(previous);
  for (const op of applied) {
    if (op.op === 'create' || op.op === 'update') files.add(op.path);
    else if (op.op === 'delete') files.delete(op.path);
    else if (op.op === 'rename') {
      files.delete(op.from);
      files.add(op.path);
    }
  }
  return [...files].sort();
}

function contentsOf(value: unknown): { contents?: Record<string, FileIdentity> } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const contents: Record<string, FileIdentity> = {};
  for (const [path, entry] of Object.entries(value as Record<string, unknown>)) {
    const { id, size, updateTime, fromAnswer } = (entry ?? {}) as Record<string, unknown>;
    if (typeof id === 'string' && typeof size === 'number' && typeof updateTime === 'string') {
      contents[path] = { id, size, updateTime, ...(fromAnswer === true ? { fromAnswer: true as const } : {}) };
    }
  }
  return { contents };
}
