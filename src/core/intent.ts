// What should become true on the server, before ordering: files to put, files to remove, renames.
// Both planners (incremental from a diff, full reconcile from a tree) produce an Intent; order.ts turns
// it into operations.
import type { FileRef } from './change.js';

export interface RenameIntent {
  from: string;
  file: FileRef;
  /** The content changed as well as the name (git similarity below 100). */
  contentChanged: boolean;
}

export interface Intent {
  /** Files that must exist with this content. */
  puts: Map<string, FileRef>;
  /** Remote files that must not exist. */
  removes: Set<string>;
  renames: RenameIntent[];
  skips: Array<{ path: string; reason: string }>;
  notes: string[];
  /** Directories that must exist even when empty (the watcher saw them created). */
  mkdirs: Set<string>;
  /** Directories removed locally: removed remotely once nothing is left inside. */
  rmdirs: Set<string>;
  /** Full reconcile with --prune: every remote directory left without files may go. */
  pruneEmptyDirectories: boolean;
  /**
   * Git has no directories, so a directory emptied by deletions goes. The watcher sees real directories:
   * then only those in `rmdirs` go, and an emptied one that still exists locally stays.
   */
  directoriesTracked: boolean;
}

export function emptyIntent(): Intent {
  return {
    puts: new Map(), removes: new Set(), renames: [], skips: [], notes: [], mkdirs: new Set(), rmdirs: new Set(), pruneEmptyDirectories: false, directoriesTracked: false,
  };
}
