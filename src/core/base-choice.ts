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
    history?: { present: boolean; ancestor: boolean };
  };

export interface BaseFacts {
  full: boolean;
  /** --from, resolved to a commit; null when not given (or the all-zero id a hook passes for "none"). */
  explicitFrom: string | null;
  marker: MarkerFacts;
  /** The roots this run syncs. */
  roots: Roots;
}

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

export function sameRoots(a: Roots, b: Roots): boolean {
  return a.localRoot === b.localRoot && a.remoteRoot === b.remoteRoot;
}
