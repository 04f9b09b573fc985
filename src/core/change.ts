// What changed locally, in one shape for both sources (git diffs and the directory watcher).
// Paths are relative to the local root, '/'-separated, without a leading slash.

/** A regular file as the source knows it: enough to compare with the remote and to read it. */
export interface FileRef {
  path: string;
  /** Content id: the git blob id for git sources, a sha256 for the watcher. */
  blob: string;
  size: number;
}

export type Change =
  | { kind: 'added'; file: FileRef }
  | { kind: 'modified'; file: FileRef }
  | { kind: 'deleted'; path: string }
  /** `similarity` is git's percentage; below 100 the content changed as well. */
  | { kind: 'renamed'; from: string; file: FileRef; similarity: number }
  /** Present locally but not syncable (symlink, submodule): reported, never followed. */
  | { kind: 'unsupported'; path: string; reason: string };

/** The whole desired tree at one commit (full reconcile), keyed by relative path. */
export type DesiredTree = ReadonlyMap<string, FileRef>;
