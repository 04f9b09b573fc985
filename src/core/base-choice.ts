// Which commit a git-mode sync diffs from. Pure: the git calls that collect the facts live in
// src/app/pipeline/base-facts.ts; this decides from them and says why in a typed reason, which the
// notes and the report are rendered from (never the other way round).

export type BaseReason =
  /** The marker's commit: replay the changes since the last sync. */
  | 'marker'
  /** --from named the base. */
  | 'explicit-from'
  /** --full: reconcile the whole tree whatever the marker says. */
  | 'full-requested'
  | 'no-marker'
  | 'marker-unreadable'
  /** The marker was written for another local root or remote root: it says nothing about this pair. */
  | 'other-roots'
  /** Not in this clone and could not be fetched (a shallow CI clone). */
  | 'marker-commit-missing'
  /** History was rewritten (a force-push): diffing from it would miss changes. */
  | 'not-ancestor'
  /** A merge-request preview: the merge base of the head and the target (src/core/preview-base.ts). */
  | 'merge-base';

export interface Roots {
  localRoot: string;
  remoteRoot: string;
}

export type MarkerFacts =
  | { state: 'none' }
  | { state: 'unreadable'; problem: string }
  | {
    state: 'found';
    commit: string;
    roots: Roots;
    /**
     * Present in the clone (or fetched) and an ancestor of `to` (or `to` itself). Collected only when
     * the decision needs it (no --full, no --from, same roots); absent counts as not present.
     */
    history?: MarkerHistory;
  };

/** Where the marker's commit stands against the target, as far as the clone (and a fetch) can tell. */
export interface MarkerHistory {
  present: boolean;
  /** The marker's commit is the target or one of its ancestors: the target is newer. */
  ancestor: boolean;
  /** The target is an ancestor of the marker's commit: the server holds newer work (issue 11 case 3). */
  behind?: boolean;
  /**
   * For a target that diverged: the branch's upstream after a fetch, and whether the marker's commit
   * is reachable from it (someone else's newer work) or not (history rewritten). Absent: no upstream.
   */
  upstream?: { name: string; hasMarker: boolean };
}

export interface BaseFacts {
  full: boolean;
  /** --from, resolved to a commit; null when not given (or the all-zero id a hook passes for "none"). */
  explicitFrom: string | null;
  marker: MarkerFacts;
  /** The roots this run syncs. */
  roots: Roots;
  /** --force: reconcile even when the server holds newer work than the target. */
  force?: boolean;
}

/** Why a run refuses to sync the target at all: the server holds work that the target does not. */
export type BaseRefusal =
  | { kind: 'behind'; markerCommit: string }
  | { kind: 'upstream-ahead'; markerCommit: string; upstream: string };

export interface BaseChoice {
  /** The commit to diff from; null for a full reconcile. */
  commit: string | null;
  reason: BaseReason;
  /** The marker's commit, whenever the server had a readable marker (also when it was not used). */
  markerCommit: string | null;
}

export function chooseBase(facts: BaseFacts): BaseChoice {
  const { marker } = facts;
  const markerCommit = marker.state === 'found' ? marker.commit : null;
  const full = (reason: BaseReason): BaseChoice => ({ commit: null, reason, markerCommit });
  if (facts.full) return full('full-requested');
  if (facts.explicitFrom !== null) return { commit: facts.explicitFrom, reason: 'explicit-from', markerCommit };
  if (marker.state === 'none') return full('no-marker');
  if (marker.state === 'unreadable') return full('marker-unreadable');
  if (!sameRoots(marker.roots, facts.roots)) return full('other-roots');
  if (!marker.history?.present) return full('marker-commit-missing');
  if (!marker.history.ancestor) return full('not-ancestor');
  return { commit: marker.commit, reason: 'marker', markerCommit };
}

/**
 * A target behind the marker's commit, or diverged from it while the branch's upstream still holds
 * it, would make the full reconcile delete the newer files someone else synced: refused unless
 * --force. A divergence the upstream does not explain (a force-push) or without an upstream is not.
 */
export function baseRefusal(facts: BaseFacts): BaseRefusal | null {
  const { marker } = facts;
  if (facts.force || facts.explicitFrom !== null || marker.state !== 'found' || !sameRoots(marker.roots, facts.roots)) return null;
  const history = marker.history;
  if (!history?.present || history.ancestor) return null;
  if (history.behind) return { kind: 'behind', markerCommit: marker.commit };
  if (history.upstream?.hasMarker) return { kind: 'upstream-ahead', markerCommit: marker.commit, upstream: history.upstream.name };
  return null;
}

export function sameRoots(a: Roots, b: Roots): boolean {
  return a.localRoot === b.localRoot && a.remoteRoot === b.remoteRoot;
}
