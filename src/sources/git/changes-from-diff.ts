// Turns raw diff entries into the Changes the planner consumes, for one local root (prefix).
// Pure. The rules, and why:
// - only regular files are synced; a symlink or submodule that appears is reported `unsupported`,
//   one that disappears produces nothing (it was never uploaded);
// - a rename across the prefix boundary is an `added` (into) or a `deleted` (out of) the root;
// - a rename or type change involving anything but regular files is split into what disappears
//   and what appears, by the rules above;
// - a mode-only change (100644 -> 100755, same blob) changes nothing the Resource Center stores;
// - a path with a `.` or `..` segment (a crafted tree) is reported `unsupported`, never synced.
import { gitBlob, type Change, type FileRef } from '../../core/change.js';
import { GitError } from './errors.js';
import { unsupportedReason, type EntryType } from './entry-type.js';
import type { RawDiffEntry } from './parse-diff.js';
import { treePathProblem } from './tree-path.js';

/** Blob ids whose sizes changesFromDiff needs: the new side of every regular file that appears or changes. */
export function blobsToSize(entries: readonly RawDiffEntry[]): string[] {
  const shas = entries.filter((e) => e.newType === 'file' && e.status !== 'D').map((e) => e.newSha);
  return [...new Set(shas)];
}

/**
 * `prefix` is the local root relative to the repository root ('' or 'sub/dir'); entry paths are
 * relative to the repository root, the returned paths relative to the prefix.
 */
export function changesFromDiff(entries: readonly RawDiffEntry[], prefix: string, sizes: ReadonlyMap<string, number>): Change[] {
  const local = (path: string): string | null => relativeTo(prefix, path);
  const fileRef = (path: string, blob: string): FileRef => {
    const size = sizes.get(blob);
    if (size === undefined) throw new GitError('unexpectedOutput', `no size known for blob ${blob} (${path})`, { path });
    return { path, id: gitBlob(blob), size };
  };
  const appeared = (repoPath: string, type: EntryType, blob: string): Change[] => {
    const path = local(repoPath);
    if (path === null || type === 'none') return [];
    const problem = treePathProblem(repoPath);
    if (problem !== null) return [{ kind: 'unsupported', path, reason: problem }];
    if (type === 'file') return [{ kind: 'added', file: fileRef(path, blob) }];
    return [{ kind: 'unsupported', path, reason: unsupportedReason(type) }];
  };
  const gone = (repoPath: string, type: EntryType): Change[] => {
    const path = local(repoPath);
    // A crafted path was never uploaded, so its disappearance deletes nothing.
    return path !== null && type === 'file' && treePathProblem(repoPath) === null ? [{ kind: 'deleted', path }] : [];
  };

  return entries.flatMap((e): Change[] => {
    switch (e.status) {
      case 'A':
      case 'C':
        return appeared(e.path, e.newType, e.newSha);
      case 'D':
        return gone(e.oldPath, e.oldType);
      case 'M':
      case 'T':
      case 'R': {
        const from = local(e.oldPath);
        const to = local(e.path);
        const plain = treePathProblem(e.oldPath) === null && treePathProblem(e.path) === null;
        if (from !== null && to !== null && e.oldType === 'file' && e.newType === 'file' && plain) {
          if (e.status === 'R') return [{ kind: 'renamed', from, file: fileRef(to, e.newSha), similarity: e.score ?? 0 }];
          return e.oldSha === e.newSha ? [] : [{ kind: 'modified', file: fileRef(to, e.newSha) }];
        }
        return [...gone(e.oldPath, e.oldType), ...appeared(e.path, e.newType, e.newSha)];
      }
      case 'U':
        throw new GitError('unexpectedOutput', `git reported an unmerged path between two commits: ${e.path}`, { path: e.path });
    }
  });
}

/** The path relative to the prefix, or null when it is not strictly under it. */
export function relativeTo(prefix: string, path: string): string | null {
  if (prefix === '') return path;
  return path.startsWith(`${prefix}/`) && path.length > prefix.length + 1 ? path.slice(prefix.length + 1) : null;
}
