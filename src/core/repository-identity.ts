// Which repository wrote the marker (issue 11 case 4): another repository pointed at a root this one
// manages must not trust its marker, or the full reconcile deletes that repository's files. Pure.

export interface RepositoryIdentity {
  /** The root commit(s) of the synced commit's history: the same for every clone, fork and mirror. */
  rootCommits: string[];
  /** The remote URL, masked (user info, query, fragment): for the message only, never compared. */
  remote?: string;
}

export interface IdentityRefusal {
  code: 'otherRepository';
  message: string;
  fix: string;
}

/**
 * Same repository when the histories share a root commit. A marker without an identity (written
 * before it was recorded) is adopted silently, and the next marker records ours. A shallow clone
 * whose history is cut short has no root commit of its own: it cannot tell, so it does not refuse.
 */
export function identityRefusal(recorded: RepositoryIdentity | undefined, ours: RepositoryIdentity, adopt: boolean): IdentityRefusal | null {
  if (adopt || recorded === undefined || recorded.rootCommits.length === 0 || ours.rootCommits.length === 0) return null;
  if (recorded.rootCommits.some((c) => ours.rootCommits.includes(c))) return null;
  const theirs = recorded.remote ? ` (${recorded.remote})` : '';
  return {
    code: 'otherRepository',
    message: `the remote root is managed by another repository${theirs}: its marker names root commit ${short(recorded.rootCommits)}, `
      + `this repository's history starts at ${short(ours.rootCommits)}`,
    fix: 'point this repository at a remote dir of its own, or add --adopt to take the root over (the other repository\'s files not in this commit are then deleted)',
  };
}

export function parseRepositoryIdentity(value: unknown): RepositoryIdentity | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { rootCommits, remote } = value as Record<string, unknown>;
  if (!Array.isArray(rootCommits)) return undefined;
  const commits = rootCommits.filter((c): c is string => typeof c === 'string' && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(c));
  return { rootCommits: commits, ...(typeof remote === 'string' ? { remote } : {}) };
}

function short(commits: readonly string[]): string {
  return commits.map((c) => c.slice(0, 12)).join(', ');
}
