// The notes a sync prints about its base, rendered from the typed choice (and the facts it was made
// from). Pure. Every note of a full reconcile that had a marker names the marker's commit, so the
// user can tell which sync the server last saw.
import type { BaseChoice, BaseFacts, BaseRefusal } from './base-choice.js';
import { MARKER_NAME } from './marker.js';

/** `toName` is the revision as the user wrote it (HEAD, a branch), for the not-ancestor note. */
export function baseNotes(choice: BaseChoice, facts: BaseFacts, toName: string): string[] {
  const notes: string[] = [];
  // An unreadable marker is worth knowing whatever the base: the next complete run replaces it.
  if (facts.marker.state === 'unreadable') {
    const then = choice.commit === null ? 'doing a full reconcile' : 'this run replaces it once everything applied';
    notes.push(`the state marker ${MARKER_NAME} on the server is unreadable (${facts.marker.problem}); ${then}`);
  }
  const reasonNote = noteFor(choice, facts, toName);
  if (reasonNote !== null) notes.push(reasonNote);
  return notes;
}

function noteFor(choice: BaseChoice, facts: BaseFacts, toName: string): string | null {
  const marker = choice.markerCommit === null ? '' : short(choice.markerCommit);
  switch (choice.reason) {
    case 'marker':
    case 'explicit-from':
    case 'marker-unreadable':
    case 'merge-base':
      return null;
    case 'full-requested':
      return choice.markerCommit === null ? null
        : `--full: reconciling the whole tree against the remote listing; the marker on the server is at ${marker}`;
    case 'no-marker':
      return 'no state marker on the server: full reconcile of the tree against the remote listing';
    case 'other-roots': {
      const theirs = facts.marker.state === 'found' ? facts.marker.roots : facts.roots;
      return `the marker (at ${marker}) was written for local root "${theirs.localRoot}" → ${theirs.remoteRoot}, `
        + `not "${facts.roots.localRoot}" → ${facts.roots.remoteRoot}: full reconcile`;
    }
    case 'marker-commit-missing':
      return `the last synced commit ${marker} is not in this clone and could not be fetched `
        + '(a shallow CI clone? set GIT_DEPTH: 0 or fetch-depth: 0): full reconcile';
    case 'not-ancestor':
      return forcedNote(facts, marker, toName)
        ?? `the last synced commit ${marker} is not an ancestor of ${toName} (history rewritten by a force-push?): full reconcile`;
  }
}

/** With --force, a run that would have been refused (baseRefusal) says what it does instead of guessing at a force-push. */
function forcedNote(facts: BaseFacts, marker: string, toName: string): string | null {
  if (!facts.force || facts.marker.state !== 'found') return null;
  const { history } = facts.marker;
  const deleted = `files newer on the server than ${toName} are deleted or put back as ${toName} has them`;
  if (history?.behind) return `--force: the server was last synced to ${marker}, newer than ${toName}; full reconcile to ${toName}: ${deleted}`;
  if (history?.upstream?.hasMarker) {
    return `--force: the server was last synced to ${marker}, which ${history.upstream.name} holds and ${toName} does not; full reconcile to ${toName}: ${deleted}`;
  }
  return null;
}

/** The error line of a refused run and its fix, for `toName` as the user wrote it. */
export function refusalWords(refusal: BaseRefusal, toName: string): { message: string; fix: string } {
  const marker = short(refusal.markerCommit);
  if (refusal.kind === 'behind') {
    return {
      message: `the server is ahead of this commit: it was last synced to ${marker}, and ${toName} is an ancestor of it (an older commit, or a clone that is behind)`,
      fix: 'pull (or name a newer --to) and run again; --force makes the server equal to this older commit, deleting the newer files',
    };
  }
  return {
    message: `the server is ahead of this commit: it was last synced to ${marker}, which ${refusal.upstream} holds and ${toName} does not (someone else's newer work)`,
    fix: `pull first (git pull, then sync); --force makes the server equal to ${toName}, deleting the newer files`,
  };
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
