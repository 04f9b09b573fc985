// The state marker lives in the remote root, so any machine (a new CI runner, a laptop) diffs from
// what was really synced last. Written only after a run in which every operation succeeded.
import type { Operation } from './operation.js';

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
  return {
    marker: {
      version: 1, commit, localRoot, remoteRoot, files,
      syncedAt: typeof syncedAt === 'string' ? syncedAt : '',
      tool: typeof tool === 'string' ? tool : '',
    },
  };
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
