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
  /** Full reconcile with --prune: every remote directory left without files may go. */
  pruneEmptyDirectories: boolean;
}

export function emptyIntent(): Intent {
  return { puts: new Map(), removes: new Set(), renames: [], skips: [], notes: [], pruneEmptyDirectories: false };
}
