// Drift (issue 12): a managed file whose server side moved since the last sync (edited or replaced in the
// UI). The marker recorded, right after our write, the size and update time the server listed; a file
// listed now with other facts was written by someone else since. Pure: the plan, the recorded identities
// and a listing in, the drifted paths out. A file whose facts are not known on either side is not drift:
// it cannot be told apart, and it is never reported on a guess.
import type { FileRef } from './change.js';
import { sameServerFacts, type FileIdentity } from './file-identity.js';
import type { Operation, Plan } from './operation.js';
import { parentOf, type RemoteEntry, type RemoteIndex } from './remote-index.js';

export const DRIFT_POLICIES = ['overwrite', 'fail'] as const;
/** overwrite: the commit is the truth (the drifted content is backed up first); fail: stop before the first write. */
export type DriftPolicy = (typeof DRIFT_POLICIES)[number];

export type RecordedIdentities = ReadonlyMap<string, FileIdentity>;

/** The server lists the file with a size or update time other than those recorded right after our write (file-identity.ts sameServerFacts). */
export function serverMoved(known: FileIdentity | undefined, remote: RemoteEntry | undefined): boolean {
  if (known === undefined || remote?.kind !== 'file' || remote.size === undefined || remote.updateTime === undefined) return false;
  return !sameServerFacts(known, remote.size, remote.updateTime);
}

/** The remote file an operation overwrites, moves or deletes; undefined for one that only adds. */
export function touchedPath(operation: Operation): string | undefined {
  switch (operation.op) {
    case 'update':
    case 'delete':
      return operation.path;
    case 'rename':
      return operation.from;
    default:
      return undefined;
  }
}

/**
 * The drifted paths, sorted: those the plan updates, renames or deletes, and with `everyManaged` (a full
 * reconcile, `status`) every recorded file, whether the plan touches it or not.
 */
export function detectDrift(operations: readonly Operation[], identities: RecordedIdentities, index: RemoteIndex,
  everyManaged = false): string[] {
  const candidates = everyManaged ? [...identities.keys()] : operations.map(touchedPath).filter((p): p is string => p !== undefined);
  const drifted = new Set(candidates.filter((path) => serverMoved(identities.get(path), index.entries.get(path))));
  return [...drifted].sort();
}

/** The directories of every file with a recorded identity: what a full reconcile and `status` check for drift. */
export function identityDirectories(identities: RecordedIdentities): Set<string> {
  return new Set(Array.from(identities.keys(), parentOf));
}

/**
 * The directories whose listing answers drift for these remote paths (the parents of those with a
 * recorded identity): an incremental run lists only them with sizes and update times, never one request per file.
 */
export function driftDirectories(paths: Iterable<string>, identities: RecordedIdentities): Set<string> {
  const dirs = new Set<string>();
  for (const path of paths) if (identities.has(path)) dirs.add(parentOf(path));
  return dirs;
}

/**
 * Overwrite mode: a drifted file that the plan only renames would carry the server's edit to its new
 * path, and the remote would not equal the commit. Such a rename uploads the commit's content too (and
 * is therefore backed up first, like every overwrite).
 */
export function rewriteDriftedRenames(plan: Plan, drift: readonly string[], desiredFile: (path: string) => FileRef | undefined): Plan {
  const drifted = new Set(drift);
  const operations = plan.operations.map((op): Operation => {
    if (op.op !== 'rename' || op.file || !drifted.has(op.from)) return op;
    const file = desiredFile(op.path);
    return file ? { ...op, file } : op;
  });
  return { ...plan, operations };
}

/** More drifted files than this are counted in the notes, not listed (--json lists them all). */
export const MAX_DRIFT_NOTES = 20;

/** One note per drifted file, and where the server's versions went. */
export function driftNotes(drift: readonly string[], run: { dryRun: boolean; backupDirectory?: string }): string[] {
  if (drift.length === 0) return [];
  const lines = drift.slice(0, MAX_DRIFT_NOTES).map((path) => `drift: ${path} was changed on the server since the last sync`);
  if (drift.length > MAX_DRIFT_NOTES) lines.push(`drift: and ${drift.length - MAX_DRIFT_NOTES} more (--json lists them all)`);
  if (run.dryRun) lines.push('drift: a sync replaces the server\'s version with the commit\'s, after a backup in log_dir (--on-drift=fail stops instead)');
  else if (run.backupDirectory) lines.push(`drift: the server's version of each drifted file this run overwrote or deleted is backed up in ${run.backupDirectory}`);
  else lines.push('drift: log_dir is not set, so the server\'s versions were not backed up; set log_dir (--log-dir) to keep them');
  return lines;
}
