// The planner: changes (or a desired tree) plus what the Resource Center holds in, ordered operations out.
// Pure: no I/O, no clock. The applier carries the plan out and never re-decides.
import { sameContent, type Change, type ContentId, type DesiredTree, type FileRef } from './change.js';
import { emptyIntent, type Intent } from './intent.js';
import type { Plan } from './operation.js';
import { orderIntent, type PlanContext } from './order.js';
import type { RemoteIndex } from './remote-index.js';

export type { PlanContext } from './order.js';

/** Directories created or removed, which file changes cannot express (the watcher reports them). */
export interface DirectoryChanges {
  added: readonly string[];
  deleted: readonly string[];
}

/** Incremental mode: replay exactly the change between two commits (or one batch of the watcher). */
export function planChanges(changes: readonly Change[], index: RemoteIndex, ctx: PlanContext, dirs?: DirectoryChanges): Plan {
  const intent = emptyIntent();
  if (dirs) intent.directoriesTracked = true;
  for (const change of changes) addChange(intent, change);
  for (const dir of dirs?.added ?? []) if (!ctx.isIgnored(dir, true)) intent.mkdirs.add(dir);
  for (const dir of dirs?.deleted ?? []) if (!ctx.isIgnored(dir, true)) intent.rmdirs.add(dir);
  return orderIntent(intent, index, ctx);
}

function addChange(intent: Intent, change: Change): void {
  switch (change.kind) {
    case 'added':
    case 'modified':
      intent.puts.set(change.file.path, change.file);
      intent.removes.delete(change.file.path);
      return;
    case 'deleted':
      if (!intent.puts.has(change.path)) intent.removes.add(change.path);
      return;
    case 'renamed':
      intent.renames.push({ from: change.from, file: change.file, contentChanged: change.similarity < 100 });
      return;
    case 'unsupported':
      intent.skips.push({ path: change.path, reason: change.reason });
      return;
  }
}

export interface ReconcileOptions {
  /** Delete remote files (and directories) that the desired tree does not have. */
  prune: boolean;
  /** Content ids of remote files, where known (downloaded and hashed), to avoid rewriting identical files. */
  remoteContent: ReadonlyMap<string, ContentId>;
  /** Remote files an earlier sync put there (from the marker): deleted when the commit no longer has them. */
  managed: ReadonlySet<string>;
  /** Watch mode: the local directories (kept or created even when empty) and those removed since last time. */
  directories?: { present: ReadonlySet<string>; removed: ReadonlySet<string> };
}

/** Full reconcile: make the remote tree equal to `desired`, touching only what differs. */
export function planReconcile(
  desired: DesiredTree, unsupported: readonly Change[], index: RemoteIndex, ctx: PlanContext, options: ReconcileOptions,
): Plan {
  const intent = emptyIntent();
  for (const change of unsupported) addChange(intent, change);
  if (options.directories) {
    intent.directoriesTracked = true;
    for (const dir of options.directories.present) intent.mkdirs.add(dir);
    for (const dir of options.directories.removed) intent.rmdirs.add(dir);
  }
  for (const [path, file] of desired) {
    const remote = index.entries.get(path);
    if (remote?.kind === 'file' && isKnownIdentical(path, file, remote.size, options.remoteContent)) continue;
    intent.puts.set(path, file);
  }
  let unmanaged = 0;
  for (const entry of index.entries.values()) {
    if (entry.kind !== 'file' || desired.has(entry.path) || ctx.isIgnored(entry.path, false)) continue;
    const managed = options.managed.has(entry.path);
    if (managed || options.prune) intent.removes.add(entry.path);
    if (!managed) unmanaged++;
  }
  intent.pruneEmptyDirectories = options.prune;
  if (!options.prune && unmanaged > 0) {
    intent.notes.push(`${unmanaged} remote file(s) not in the commit were not put there by dolps-sync and were kept; --prune deletes them`);
  }
  return orderIntent(intent, index, ctx);
}

function isKnownIdentical(path: string, file: FileRef, remoteSize: number | undefined,
  remoteContent: ReadonlyMap<string, ContentId>): boolean {
  if (remoteSize !== undefined && remoteSize !== file.size) return false;
  return sameContent(remoteContent.get(path), file.id);
}
