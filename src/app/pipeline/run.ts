// One run, the same for `sync` and each trigger of `watch`:
//   desired (changes or a whole tree) + recorded state → [side runs read their input] → [lease, unless a
//   dry run] → remote listing → plan → [extras, guards, side plans] → drift → [dry-run stops here]
//   → [--on-drift=fail stops here] → backups + apply → side runs apply → state recorded last, only if all
//   applied → lease released → reporters.
import type { DriftPolicy } from '../../core/drift.js';
import { deleteThresholdRefusal, type DeleteLimit } from '../../core/delete-threshold.js';
import type { Logger } from '../../core/logger.js';
import type { OperationResult, Plan } from '../../core/operation.js';
import { planChanges, planReconcile, type PlanContext } from '../../core/plan.js';
import type { RemoteIndex } from '../../core/remote-index.js';
import { allApplied } from '../../core/summarize.js';
import { RemoteError } from '../../remote/errors.js';
import type { ResourceCenter } from '../../remote/port.js';
import { applyPlan } from '../apply.js';
import { TooManyDeletesError } from '../errors.js';
import { createBackup, runIdOf } from '../backup.js';
import type { OpLog } from '../oplog.js';
import type { Desired, DesiredTreeSource } from './desired.js';
import { driftListing, planDrift, refuseDrift } from './drift-check.js';
import type { HeldLease, RunHooks } from './hooks.js';
import { remoteContentIds } from './remote-content.js';
import type { RecordedState, StateStore } from './state-store.js';

export interface RunRequest {
  desired: Desired;
  /** Full reconcile: also delete remote files that no run put there. */
  prune: boolean;
  dryRun: boolean;
  /** What this run is, for the operation log ("incremental a..b", "watch batch"). */
  label: string;
  /** The mass-delete guard, checked before the first write (absent: not checked; `limit` absent: the default). */
  deleteGuard?: { limit?: DeleteLimit };
  /** What to do with managed files changed on the server since the last sync (absent: overwrite). */
  onDrift?: DriftPolicy;
  /**
   * Apply saved operations instead of planning (a saved plan, `dolps-sync apply`): the extras and guards
   * ran when it was made. `planFor` sees the fresh listing and returns the plan, or throws when the remote
   * moved since.
   */
  saved?: { planFor(index: RemoteIndex): Plan };
  /** List with sizes and update times even for replayed changes: a saved plan records them. */
  detailedListing?: boolean;
}

export interface RunDeps {
  center: ResourceCenter;
  source: DesiredTreeSource;
  state: StateStore;
  clock: () => Date;
  logger: Logger;
  concurrency: number;
  /** Backups of overwritten and deleted files go under it, per run. */
  logDir?: string;
  oplog?: OpLog;
  onResult?: (result: OperationResult) => void;
  /** Told the plan about to be applied (a progress display takes its total from it); not called on a dry run. */
  onPlan?: (plan: Plan) => void;
  hooks?: RunHooks;
}

export interface RunOutcome {
  plan: Plan;
  index: RemoteIndex;
  /** Every operation's result; for a dry run, the plan as if it applied. */
  results: OperationResult[];
  /** The state store moved (the marker was written, the manifest saved). */
  stateRecorded: boolean;
  /** Managed files changed on the server since the last sync that the plan overwrites, moves or deletes (a full reconcile: all of them). */
  drift: string[];
  /** Where this run's backups went, when log_dir is set and the run wrote. */
  backupDirectory?: string;
}

export async function reconcileRun(request: RunRequest, deps: RunDeps): Promise<RunOutcome> {
  const { center, hooks = {} } = deps;
  const recorded = deps.state.recorded();
  const context: PlanContext = { capabilities: center.capabilities, fullNameLength: (p) => center.fullNameLength(p), isIgnored: deps.source.isIgnored };
  // Before the lease: a side run whose input is invalid (a bad functions.yaml) stops the run before any write.
  for (const side of hooks.sideRuns ?? []) await side.prepare?.();
  // The lease is taken before the listing, so a run that waited for another plans from what that one left.
  const lease: HeldLease | undefined = request.dryRun ? undefined : await hooks.lease?.acquire();
  try {
    const detailsIn = driftListing(request.desired, recorded);
    const withSizes = request.desired.kind === 'tree' || request.detailedListing === true;
    const index = await center.list({ withSizes, ...(detailsIn ? { detailsIn } : {}) });
    refuseListingWithout(recorded.readFrom ?? [], index);
    let plan: Plan;
    let drift: string[];
    if (request.saved) {
      // A saved plan is applied as it was reviewed (its extras, guards and drifted renames ran when it was made).
      plan = request.saved.planFor(index);
      drift = planDrift(plan, request.desired, recorded, index).drift;
    } else {
      plan = await planFor(request, index, context, recorded, deps);
      for (const extra of hooks.extras ?? []) plan = await extra.extend(plan, request.desired, index);
      for (const guard of hooks.guards ?? []) plan = await guard.review(plan, index);
      ({ plan, drift } = planDrift(plan, request.desired, recorded, index));
    }
    for (const side of hooks.sideRuns ?? []) await side.plan();
    if (request.dryRun) {
      for (const side of hooks.sideRuns ?? []) await side.apply(true);
      return await finish({ plan, index, results: plan.operations.map((operation) => ({ operation, ok: true })), stateRecorded: false, drift }, hooks);
    }
    refuseDrift(drift, request.onDrift);
    const tooMany = request.deleteGuard && deleteThresholdRefusal(plan, recorded.managed.size, request.deleteGuard.limit);
    if (tooMany) throw new TooManyDeletesError(tooMany.message, tooMany.fix, tooMany.deletes, tooMany.managed);
    deps.onPlan?.(plan);
    const { results, backupDirectory } = await applyWithBackups(plan, request.label, deps);
    let sidesApplied = true;
    for (const side of hooks.sideRuns ?? []) sidesApplied = (await side.apply(false)) && sidesApplied;
    // The state is the last write, and only after everything applied: it never claims more than the server has.
    const stateRecorded = allApplied(results) && sidesApplied ? await deps.state.record({ desired: request.desired, index, results }) : false;
    return await finish({ plan, index, results, stateRecorded, drift, ...(backupDirectory ? { backupDirectory } : {}) }, hooks);
  } finally {
    await lease?.release();
  }
}

/**
 * A listing that lacks a file the state was just read from (the marker) is not the server's truth: planned
 * from, it would skip deletes ("already gone") and move the marker over files still there (issue 11 case 6).
 */
function refuseListingWithout(readFrom: readonly string[], index: RemoteIndex): void {
  const missing = readFrom.find((path) => index.entries.get(path)?.kind !== 'file');
  if (missing === undefined) return;
  throw new RemoteError('protocol', 'list', `list: the listing of the remote root (${index.source}) does not show ${missing}, which the server has just served: its answers contradict each other (a proxy or the server answering wrongly?), so nothing is planned from them and the marker stays`);
}

async function planFor(request: RunRequest, index: RemoteIndex, context: PlanContext, recorded: RecordedState, deps: RunDeps): Promise<Plan> {
  const { desired } = request;
  if (desired.kind === 'changes') return planChanges(desired.changes, index, context, desired.dirs);
  const { tree } = desired;
  const remoteContent = await remoteContentIds(tree.files, index, deps.center, deps.source, recorded, deps.concurrency);
  const directories = tree.dirs && { present: tree.dirs, removed: new Set([...recorded.dirs ?? []].filter((d) => !tree.dirs?.has(d))) };
  return planReconcile(tree.files, tree.unsupported, index, context, {
    prune: request.prune, remoteContent, managed: recorded.managed, directories,
  });
}

async function applyWithBackups(plan: Plan, label: string, deps: RunDeps): Promise<{ results: OperationResult[]; backupDirectory?: string }> {
  const { center, oplog } = deps;
  const runId = runIdOf(deps.clock());
  await oplog?.write(`run ${runId} ${label} on ${center.describe()}`);
  const backup = deps.logDir ? createBackup(deps.logDir, runId, center) : undefined;
  const results = await applyPlan(plan, { center, backup, oplog, concurrency: deps.concurrency, onResult: deps.onResult, openFile: (file) => deps.source.open(file) });
  return { results, ...(backup ? { backupDirectory: backup.directory } : {}) };
}

async function finish(outcome: RunOutcome, hooks: RunHooks): Promise<RunOutcome> {
  for (const reporter of hooks.reporters ?? []) await reporter.report(outcome);
  return outcome;
}
