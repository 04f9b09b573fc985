// git itself never writes a tree entry named `.` or `..` (or an empty one), but `git mktree` and other
// tools can, and a clone of such a repository carries it (issue 11, case 14). ls-tree and diff-tree
// then print paths like `../x.sql` or `./x.sql`, which would name a file outside the local root, or a
// different file than the tree holds. Such an entry is reported as unsupported with this reason.

/** Why a path from git cannot be synced as it is written, or null when it can. */
export function treePathProblem(path: string): string | null {
  const segments = path.split('/');
  if (segments.some((s) => s === '.' || s === '..')) return 'path has a "." or ".." segment (a crafted git tree): not synced';
  if (segments.some((s) => s === '')) return 'path has an empty segment (a crafted git tree): not synced';
  return null;
}
