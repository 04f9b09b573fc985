// The state store of git mode: the marker in the remote root. It is trusted only when it was
// written for the same local and remote roots; it moves only after a run in which every operation
// applied, so it never claims more than the server has.
import { sameRoots, type Roots } from '../../core/base-choice.js';
import { MARKER_NAME, nextManagedFiles, type Marker } from '../../core/marker.js';
import type { ManagedFunction } from '../../core/udf-function.js';
import type { RepositoryIdentity } from '../../core/repository-identity.js';
import { contentIdOf, serverUnmoved } from '../../core/file-identity.js';
import type { ResourceCenter } from '../../remote/port.js';
import { writeMarker, type MarkerState } from '../marker-store.js';
import type { Desired } from './desired.js';
import { appliedOperations, identitiesAfter } from './identities-after.js';
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
      // At the marker's own commit there is nothing to record, unless the run repaired something (a --full
      // rewriting a drifted or lost file): the repaired files' identities must replace the ones the server
      // no longer matches, or every later --full downloads them again and a sync touching them says drift.
      if (trusted?.commit === target.commit && !appliedOperations(run).some((op) => op.op !== 'skip' && op.op !== 'refuse')) return false;
      if (!run.index.rootExists && !run.results.some((r) => r.ok && r.operation.op === 'mkdir' && r.operation.path === '')) {
        await center.mkdir('');
      }
      const files = nextManagedFiles([...presentBefore(run, managed)], appliedOperations(run));
      // What the server says about each file right after the writes (size, update time), listed only where needed.
      const identities = await identitiesAfter(center, run, files, contents);
      const marker: Marker = {
        version: 1, commit: target.commit, ...target.roots, syncedAt: target.clock().toISOString(), tool: `dolps-sync ${target.toolVersion}`,
        files, contents: identities,
        ...(target.functions ? { functions: target.functions() } : {}),
        ...(target.udfJars ? { udfJars: target.udfJars() } : {}),
        ...(target.repository === undefined ? {} : { repository: target.repository }),
      };
      await writeMarker(center, marker, run.index.entries.has(MARKER_NAME) || reading.marker !== null || reading.unreadable !== undefined);
      return true;
    },
  };
}

/** What is ours on the server before the plan ran: the managed files and, in a full reconcile, the tree's files already there. */
function presentBefore(run: { desired: Desired; index: AppliedRun['index'] }, managed: ReadonlySet<string>): Set<string> {
  if (run.desired.kind === 'changes') return new Set(managed);
  const already = [...run.desired.tree.files.keys()].filter((p) => run.index.entries.get(p)?.kind === 'file');
  return new Set([...managed, ...already]);
}
