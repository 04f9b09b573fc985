// The git calls that collect what chooseBase (src/core/base-choice.ts) decides from. Lazy where a
// call is costly: the marker commit is looked up (and fetched, in a shallow clone) only when no
// --full or --from already decides, and only for a marker written for these roots.
import { sameRoots, type BaseFacts, type MarkerFacts, type MarkerHistory, type Roots } from '../../core/base-choice.js';
import type { GitSource, Upstream } from '../../sources/git/git-reader.js';
import { UsageError } from '../errors.js';
import type { MarkerState } from '../marker-store.js';

export interface BaseRequest {
  /** --from as given; the all-zero id (what a hook passes for "no previous commit") counts as not given. */
  from?: string;
  full: boolean;
  /** The target commit, resolved. */
  to: string;
  /** The target as the user wrote it (HEAD, a branch): its branch's upstream is fetched when the target diverged. */
  toName?: string;
  /** --force: the server may hold newer work; the facts are still collected, for the notes. */
  force?: boolean;
}

export async function collectBaseFacts(request: BaseRequest, reading: MarkerState, roots: Roots, git: GitSource): Promise<BaseFacts> {
  const explicitFrom = await resolveFrom(request, git);
  const marker = markerFacts(reading);
  // Also for --full: a full reconcile from a target behind the server deletes the newer files (issue 11 case 3).
  if (explicitFrom === null && marker.state === 'found' && sameRoots(marker.roots, roots)) {
    marker.history = await historyOf(marker.commit, request, git);
  }
  return { full: request.full, explicitFrom, marker, roots, force: request.force ?? false };
}

async function resolveFrom(request: BaseRequest, git: GitSource): Promise<string | null> {
  if (request.full || request.from === undefined || /^0+$/.test(request.from)) return null;
  const from = await git.resolve(request.from);
  if (!from) {
    throw new UsageError(`--from ${request.from}: no such commit in ${git.repoRoot}`,
      'name a commit that exists in this clone, or omit --from to use the marker on the server');
  }
  return from;
}

function markerFacts(reading: MarkerState): MarkerFacts {
  if (reading.marker) {
    const { commit, localRoot, remoteRoot } = reading.marker;
    return { state: 'found', commit, roots: { localRoot, remoteRoot } };
  }
  return reading.unreadable === undefined ? { state: 'none' } : { state: 'unreadable', problem: reading.unreadable };
}

async function historyOf(commit: string, request: BaseRequest, git: GitSource): Promise<MarkerHistory> {
  const { to } = request;
  let upstream: Upstream | null | undefined;
  const fetchUpstream = async () => (upstream === undefined ? (upstream = await git.fetchUpstream(request.toName ?? to)) : upstream);
  // The marker's commit may be someone else's newer work that this clone never fetched: the upstream brings it.
  const present = (await git.resolve(commit)) !== null || (await git.fetchCommit(commit))
    || ((await fetchUpstream()) !== null && (await git.resolve(commit)) !== null);
  if (!present) return { present, ancestor: false };
  if (commit === to || (await git.isAncestor(commit, to))) return { present, ancestor: true };
  if (await git.isAncestor(to, commit)) return { present, ancestor: false, behind: true };
  const found = await fetchUpstream();
  if (found === null) return { present, ancestor: false, behind: false };
  const hasMarker = found.commit !== null && (found.commit === commit || (await git.isAncestor(commit, found.commit)));
  return { present, ancestor: false, behind: false, upstream: { name: found.name, hasMarker } };
}
