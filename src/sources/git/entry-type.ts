// What a git tree entry is, from its mode. Only regular files are synced; the rest is reported.
import { GitError } from './errors.js';

/** 'none' is the side of an add or delete that does not exist (mode 000000). */
export type EntryType = 'file' | 'symlink' | 'submodule' | 'tree' | 'none';

export function entryType(mode: string): EntryType {
  switch (mode) {
    case '000000': return 'none';
    case '120000': return 'symlink';
    case '160000': return 'submodule';
    case '040000': return 'tree';
  }
  // 100644 and 100755; very old repositories also hold 100664.
  if (/^100[0-7]{3}$/.test(mode)) return 'file';
  throw new GitError('unexpectedOutput', `git reported an unknown file mode ${mode}`);
}

export function unsupportedReason(type: Exclude<EntryType, 'file' | 'none'>): string {
  switch (type) {
    case 'symlink': return 'symlink: not followed';
    case 'submodule': return 'submodule: not followed';
    case 'tree': return 'directory entry: not expected here';
  }
}

/** The all-zero id git and CI systems use for "no commit" (GitLab's CI_COMMIT_BEFORE_SHA on a new branch). */
export function isZeroSha(sha: string): boolean {
  return /^(?:0{40}|0{64})$/.test(sha);
}
