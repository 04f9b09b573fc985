// `dolps-sync apply FILE`: applies a saved plan exactly, through the one pipeline, or refuses.
//   the plan's server, roots and commit → lease → the marker then the touched paths compared with what the
//   plan saw (StalePlanError, exit 6, before any write) → reconcileRun with the saved operations → marker.
import { parseDeleteLimit } from '../core/delete-threshold.js';
import { changesOf, markerChange, remoteChanges, type SavedPlan } from '../core/saved-plan.js';
import { summarize } from '../core/summarize.js';
import { StalePlanError, UsageError } from './errors.js';
import { readMarker } from './marker-store.js';
import type { Desired } from './pipeline/desired.js';
import { openGitCommitSource } from './pipeline/git-commit-source.js';
import { markerStateStore } from './pipeline/marker-state.js';
import { reconcileRun } from './pipeline/run.js';
import { markerFact } from './saved-plan-facts.js';
import { repositoryOf, type SyncDeps, type SyncReport, type SyncSettings } from './sync.js';

export interface ApplySettings extends SyncSettings {
  /** The server base URL as the plan file writes it (no user, no password). */
  server: string;
}

export async function runSavedPlan(plan: SavedPlan, settings: ApplySettings, deps: Omit<SyncDeps, 'udf'>): Promise<SyncReport> {
  const { git, center } = deps;
  await center.connect();
  deps.logger.info(`dolps-sync: ${center.describe()}`);
  checkSameTarget(plan, settings, { generation: center.capabilities.generation, localRoot: git.prefix });
  const to = await git.resolve(plan.to);
  if (to === null) {
    throw new UsageError(`the plan's commit ${plan.to} is not in ${git.repoRoot}`,
      `fetch it (git fetch origin ${plan.to}) or apply the plan in the clone that made it`);
  }
  const held = await deps.lease?.acquire();
  try {
    const reading = await readMarker(center);
    const moved = markerChange(plan.marker, markerFact(reading.marker));
    if (moved !== null) throw new StalePlanError([moved]);
    const report = (rest: Pick<SyncReport, 'listing' | 'results' | 'markerWritten'>): SyncReport => ({
      from: plan.base, to, base: { commit: plan.base, reason: plan.baseReason, markerCommit: plan.marker?.commit ?? null },
      dryRun: false, mode: plan.mode, server: center.describe(), notes: [], summary: summarize(rest.results), ...rest,
    });
    if (plan.mode === 'up-to-date') return report({ listing: null, results: [], markerWritten: false });
    const source = await openGitCommitSource(git, to, settings);
    const desired: Desired = plan.mode === 'full' ? { kind: 'tree', tree: await source.tree() } : { kind: 'changes', changes: changesOf(plan.operations) };
    const roots = { localRoot: plan.localRoot, remoteRoot: plan.remoteRoot };
    const outcome = await reconcileRun({
      desired, prune: plan.prune, dryRun: false, detailedListing: true, label: `apply ${plan.mode} ${plan.base ?? '(none)'}..${to}`,
      deleteGuard: { limit: plan.maxDelete === undefined ? undefined : parseDeleteLimit(plan.maxDelete) ?? undefined },
      saved: { planFor: (index) => {
        const changes = remoteChanges(plan.remote, index);
        if (changes.length > 0) throw new StalePlanError(changes);
        // The lease made the remote root before this listing (src/app/lease/remote-lease.ts): that mkdir is done.
        return { operations: plan.operations.filter((op) => !(op.op === 'mkdir' && op.path === '' && index.rootExists)), notes: [] };
      } },
    }, {
      center, source, clock: deps.clock, logger: deps.logger, concurrency: settings.concurrency, logDir: settings.logDir,
      oplog: deps.oplog, onResult: deps.onResult, onPlan: deps.onPlan, hooks: {},
      state: markerStateStore(center, reading, { commit: to, roots, clock: deps.clock, toolVersion: settings.toolVersion, repository: await repositoryOf(git, to) }),
    });
    return report({ listing: outcome.index.source, results: outcome.results, markerWritten: outcome.stateRecorded });
  } finally {
    await held?.release();
  }
}

/** A plan is applied where it was made: the same server, generation, remote root and local root. */
function checkSameTarget(plan: SavedPlan, settings: ApplySettings, here: { generation: string; localRoot: string }): void {
  const differs = [
    plan.server !== settings.server && `server ${plan.server}, this configuration ${settings.server}`,
    plan.remoteRoot !== settings.remoteRoot && `remote root ${plan.remoteRoot}, this configuration ${settings.remoteRoot}`,
    plan.generation !== here.generation && `API ${plan.generation}, this server ${here.generation}`,
    plan.localRoot !== here.localRoot && `local root "${plan.localRoot}", here "${here.localRoot}"`,
  ].filter((d): d is string => typeof d === 'string');
  if (differs.length > 0) {
    throw new UsageError(`the plan was made for another target (${differs.join('; ')})`,
      'apply it with the configuration (and --target) it was made with');
  }
}
