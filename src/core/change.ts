// What changed locally, in one shape for both sources (git diffs and the directory watcher).
// Paths are relative to the local root, '/'-separated, without a leading slash.

/**
 * How a source names content. The kind travels with the hex, so a git blob id is never compared
 * with a sha256: two ids are the same content only when kind and hex both match.
 */
export type ContentKind = 'git-blob' | 'sha256';

export interface ContentId {
  kind: ContentKind;
  hex: string;
}

export function gitBlob(hex: string): ContentId {
  return { kind: 'git-blob', hex };
}

export function sha256Id(hex: string): ContentId {
  return { kind: 'sha256', hex };
}

export function sameContent(a: ContentId | undefined, b: ContentId | undefined): boolean {
  return a !== undefined && b !== undefined && a.kind === b.kind && a.hex === b.hex;
}

/** A regular file as the source knows it: enough to compare with the remote and to read it. */
export interface FileRef {
  path: string;
  /** Content id in the source's own naming: git blob ids for a commit, sha256 for a directory. */
  id: ContentId;
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
