// Parses `git ls-tree -l -z` (optionally -r): `mode SP type SP sha SP+ size TAB path NUL`, where
// size is '-' for trees and submodules. Pure.
import { gitBlob, type Change, type DesiredTree, type FileRef } from '../../core/change.js';
import { GitError } from './errors.js';
import { entryType, unsupportedReason, type EntryType } from './entry-type.js';
import { treePathProblem } from './tree-path.js';

export interface TreeEntry {
  type: EntryType;
  sha: string;
  /** Blob size in bytes; null for trees and submodules. */
  size: number | null;
  path: string;
}

const HEADER = /^([0-7]{6}) [a-z]+ ([0-9a-f]{40}(?:[0-9a-f]{24})?) +(\d+|-)$/;

export function parseLsTree(output: string): TreeEntry[] {
  return output.split('\0').filter((record) => record !== '').map((record) => {
    const tab = record.indexOf('\t'); // the path itself may hold tabs; the first one ends the header
    const match = HEADER.exec(tab < 0 ? record : record.slice(0, tab));
    if (tab < 1 || match === null) {
      throw new GitError('unexpectedOutput', `git ls-tree output could not be read: ${JSON.stringify(record.slice(0, 120))}`,
        { command: 'ls-tree' });
    }
    const [, mode = '', sha = '', size = '-'] = match;
    return { type: entryType(mode), sha, size: size === '-' ? null : Number(size), path: record.slice(tab + 1) };
  });
}

/**
 * Regular files become the desired tree; symlinks, submodules and entries with a `.` or `..` segment
 * are reported, never followed.
 */
export function desiredTree(entries: readonly TreeEntry[]): { files: DesiredTree; unsupported: Change[] } {
  const files = new Map<string, FileRef>();
  const unsupported: Change[] = [];
  for (const entry of entries) {
    const problem = entry.type === 'none' ? null : treePathProblem(entry.path);
    if (problem !== null) unsupported.push({ kind: 'unsupported', path: entry.path, reason: problem });
    else if (entry.type === 'file') files.set(entry.path, { path: entry.path, id: gitBlob(entry.sha), size: entry.size ?? 0 });
    else if (entry.type !== 'none') unsupported.push({ kind: 'unsupported', path: entry.path, reason: unsupportedReason(entry.type) });
  }
  return { files, unsupported };
}
