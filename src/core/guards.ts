// Guards that refuse a run before its first request, because what it would do cannot be undone.
// Pure: the CLI passes the flags and the configured root, and turns a refusal into exit 2.

export interface Refusal {
  /** Stable, for tests and the exit-code mapping; never compare the message. */
  code: 'pruneAtRoot';
  message: string;
  fix: string;
}

export interface PruneScope {
  prune: boolean;
  /** The configured remote root, normalised ('/' for the whole Resource Center). */
  remoteRoot: string;
  /** --prune-root: the user said, in so many words, that the whole Resource Center is theirs. */
  pruneRoot: boolean;
}

/**
 * `--prune` deletes every remote file the commit does not have. With the remote root `/` that is every
 * other team's, every other root's and every hand-uploaded file in the Resource Center (issue 11,
 * case 7), so it needs its own flag on top of --prune.
 */
export function pruneRootRefusal(scope: PruneScope): Refusal | null {
  if (!scope.prune || scope.pruneRoot || !isWholeResourceCenter(scope.remoteRoot)) return null;
  return {
    code: 'pruneAtRoot',
    message: '--prune with the remote root / would delete every file in the Resource Center that this commit does not have, other roots\' files included',
    fix: 'set the remote dir to the directory this repository owns (e.g. /gitlab), or add --prune-root if the whole Resource Center really is this repository\'s',
  };
}

function isWholeResourceCenter(remoteRoot: string): boolean {
  return remoteRoot.split('/').every((segment) => segment === '' || segment === '.');
}
