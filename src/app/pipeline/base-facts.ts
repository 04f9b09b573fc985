// The git calls that collect what chooseBase (src/core/base-choice.ts) decides from. Lazy where a
// call is costly: the marker commit is looked up (and fetched, in a shallow clone) only when no
// --full or --from already decides, and only for a marker written for these roots.
import { sameRoots, type BaseFacts, type MarkerFacts, type Roots } from '../../core/base-choice.js';
import type { GitSource } from '../../sources/git/git-reader.js';
import { UsageError } from '../errors.js';
import type { MarkerState } from '../marker-store.js';

export interface BaseRequest {
  /** --from as given; the all-zero id (what a hook passes for "no previous commit") counts as not given. */
  from?: string;
  full: boolean;
  /** The target commit, resolved. */
  to: string;
}

export async function collectBaseFacts(request: BaseRequest, reading: MarkerState, roots: Roots, git: GitSource): Promise<BaseFacts> {
  const explicitFrom = await resolveFrom(request, git);
  const marker = markerFacts(reading);
  if (!request.full && explicitFrom === null && marker.state === 'found' && sameRoots(marker.roots, roots)) {
    marker.history = await historyOf(marker.commit, request.to, git);
  }
  return { full: request.full, explicitFrom, marker, roots };
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

async function historyOf(commit: string, to: string, git: GitSource): Promise<{ present: boolean; ancestor: boolean }> {
  const present = (await git.resolve(commit)) !== null || (await git.fetchCommit(commit));
  if (!present) return { present, ancestor: false };
  return { present, ancestor: commit === to || (await git.isAncestor(commit, to)) };
}
