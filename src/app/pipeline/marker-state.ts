// The state store of git mode: the marker in the remote root. It is trusted only when it was
// written for the same local and remote roots; it moves only after a run in which every operation
// applied, so it never claims more than the server has.
import { sameRoots, type Roots } from '../../core/base-choice.js';
import { MARKER_NAME, nextManagedFiles, type Marker } from '../../core/marker.js';
import type { ManagedFunction } from '../../core/udf-function.js';
import type { RepositoryIdentity } from '../../core/repository-identity.js';
import { contentIdOf, nextIdentities, serverUnmoved, stampedIds, type AnsweredFacts } from '../../core/file-identity.js';
import type { OperationResult } from '../../core/operation.js';
import { parentOf, type RemoteEntry } from '../../core/remote-index.js';
import type { ListOptions, ResourceCenter } from '../../remote/port.js';
import { writeMarker, type MarkerState } from '../marker-store.js';
import type { Desired } from './desired.js';
import type { AppliedRun, StateStore } from './state-store.js';

export interface MarkerTarget {
  /** The commit the remote will equal once the run applied. */
  commit: string;
  roots: Roots;
  clock: () => Date;
  toolVersion: string;
  /** The UDF functions dolps-sync manages once the run applied (issue 13); absent without a UDF folder. */
  functions?: () => ManagedFunction[];
  /** The UDF jars dolps-sync put in the UDF tree once the run applied, absolute there; absent without a UDF folder. */
  udfJars?: () => string[];
  /** Which repository writes the marker (issue 11 case 4). */
  repository?: RepositoryIdentity;
}

export function markerStateStore(center: ResourceCenter, reading: MarkerState, target: MarkerTarget): StateStore {
  const trusted = reading.marker && sameRoots(reading.marker, target.roots) ? reading.marker : null;
  const managed = new Set(trusted?.files ?? []);
  const contents = trusted?.contents ?? {};
  const identities = new Map(Object.entries(contents));
  const readFrom = reading.marker !== null || reading.unreadable !== undefined ? [MARKER_NAME] : [];
  return {
    // A file whose server size and update time are still those recorded right after our write holds what we wrote.
    recorded: () => ({ managed, identities, readFrom, vouch: (path, _size, remote) => (serverUnmoved(contents[path], remote) ? contentIdOf(contents[path]?.id ?? '') : undefined) }),
    async record(run: AppliedRun): Promise<boolean> {
      if (trusted?.commit === target.commit) return false;
      if (!run.index.rootExists && !run.results.some((r) => r.ok && r.operation.op === 'mkdir' && r.operation.path === '')) {
        await center.mkdir('');
      }
      const applied = run.results.filter((r) => r.ok).map((r) => r.operation);
      const answered = answeredWrites(run.results);
      const files = nextManagedFiles([...presentBefore(run, managed)], applied);
      const treeIds = run.desired.kind === 'tree' ? new Map([...run.desired.tree.files].map(([p, f]) => [p, f.id])) : undefined;
      // What the server says about each file right after the writes (size, update time): from the write's own
      // answer where it told them (3.0/3.1), listed only for the rest.
      const unanswered = [...stampedIds(files, applied, contents, treeIds).keys()].filter((path) => !answered.has(path));
      const listing = identityListing(run.desired.kind === 'tree', unanswered);
      const after = listing ? (await center.list(listing)).entries : new Map<string, RemoteEntry>();
      const marker: Marker = {
        version: 1, commit: target.commit, ...target.roots, syncedAt: target.clock().toISOString(), tool: `dolps-sync ${target.toolVersion}`,
        files, contents: nextIdentities(files, applied, contents, treeIds, after, answered),
        ...(target.functions ? { functions: target.functions() } : {}),
        ...(target.udfJars ? { udfJars: target.udfJars() } : {}),
        ...(target.repository === undefined ? {} : { repository: target.repository }),
      };
      await writeMarker(center, marker, run.index.entries.has(MARKER_NAME) || reading.marker !== null || reading.unreadable !== undefined);
      return true;
    },
  };
}

/**
 * The listing the marker's identities need after the writes, for the stamped files whose write's answer did not
 * tell their size and update time (all of them on 3.2/3.3; on 3.0/3.1 only creates whose answer was lost, and a
 * full reconcile's files it proved identical without writing). A full reconcile then lists the whole root with
 * sizes; an incremental run stamps only the files it wrote (every other identity stays as recorded,
 * file-identity.ts), so it lists only their directories: O(changes) requests, not O(files) (issue 12 goal (b));
 * nothing to learn, nothing listed.
 */
export function identityListing(wholeTree: boolean, unanswered: readonly string[]): ListOptions | undefined {
  if (unanswered.length === 0) return undefined;
  if (wholeTree) return { withSizes: true };
  return { withSizes: false, detailsIn: new Set(unanswered.map(parentOf)) };
}

/** The files whose write's answer told their size and update time, by path (a rename's new path). */
function answeredWrites(results: readonly OperationResult[]): Map<string, AnsweredFacts> {
  const out = new Map<string, AnsweredFacts>();
  for (const result of results) if (result.ok && result.answered) out.set(result.operation.path, result.answered);
  return out;
}

/** What is ours on the server before the plan ran: the managed files and, in a full reconcile, the tree's files already there. */
function presentBefore(run: { desired: Desired; index: AppliedRun['index'] }, managed: ReadonlySet<string>): Set<string> {
  if (run.desired.kind === 'changes') return new Set(managed);
  const already = [...run.desired.tree.files.keys()].filter((p) => run.index.entries.get(p)?.kind === 'file');
  return new Set([...managed, ...already]);
}
