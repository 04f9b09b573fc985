// The git-mode use case: ONE run of the pipeline.
//   marker on the server → facts → base choice (pure) → the commit's changes since the base, or its
//   whole tree → reconcileRun (plan, apply, marker last) → report.
import { baseRefusal, chooseBase, sameRoots, type BaseChoice, type BaseReason } from '../core/base-choice.js';
import { baseNotes, refusalWords } from '../core/base-notes.js';
import type { DeleteLimit } from '../core/delete-threshold.js';
import { driftNotes, type DriftPolicy } from '../core/drift.js';
import { identityRefusal, type RepositoryIdentity } from '../core/repository-identity.js';
import { maskUrl } from '../config/redact.js';
import type { Logger } from '../core/logger.js';
import type { Operation, OperationResult, Plan, Summary } from '../core/operation.js';
import { remoteFacts, type SavedPlan } from '../core/saved-plan.js';
import { summarize } from '../core/summarize.js';
import { jarsUnder, recordedJars } from '../core/udf-jars.js';
import type { ResourceCenter } from '../remote/port.js';
import type { GitSource } from '../sources/git/git-reader.js';
import { ServerAheadError, UsageError } from './errors.js';
import { refuseDrift } from './pipeline/drift-check.js';
import { readMarker, type MarkerState } from './marker-store.js';
import { planFactsOf, type PlanFacts } from './saved-plan-facts.js';
import type { OpLog } from './oplog.js';
import { collectBaseFacts } from './pipeline/base-facts.js';
import type { Desired } from './pipeline/desired.js';
import { openGitCommitSource, type GitCommitSource } from './pipeline/git-commit-source.js';
import type { HeldLease, Lease, RunHooks } from './pipeline/hooks.js';
import { markerStateStore } from './pipeline/marker-state.js';
import { reconcileRun } from './pipeline/run.js';
import { summarizeFunctions, type FunctionResult, type FunctionSummary } from '../udf/apply-functions.js';
import { FUNCTIONS_FILE } from '../udf/functions-file.js';
import { readUdfFolder, udfPathsOutsideFileTree } from '../udf/udf-folder.js';
import type { UdfRemote } from '../udf/udf-remote.js';
import type { UdfOutcome } from '../udf/udf-run.js';
import { UdfSideRun } from '../udf/udf-side-run.js';
import type { UdfReferenceReview } from '../references/udf-guard.js';

export interface SyncRequest {
  /** Explicit base revision; otherwise the marker's commit. */
  from?: string;
  to: string;
  dryRun: boolean;
  full: boolean;
  prune: boolean;
  /** Sync even when the server holds newer work than the target (issue 11 case 3). */
  force?: boolean;
  /** Take over a remote root whose marker another repository wrote (issue 11 case 4). */
  adopt?: boolean;
  /** --max-delete; absent: 50 % of the managed files when there are more than 10. */
  maxDelete?: DeleteLimit;
  /** Managed files changed on the server since the last sync: overwrite (default, after a backup) or fail before any write. */
  onDrift?: DriftPolicy;
  /** --plan-out: list with update times and return what a saved plan records (`report.saved`). */
  savePlan?: boolean;
}

export interface SyncSettings {
  remoteRoot: string;
  concurrency: number;
  logDir?: string;
  excludes: string[];
  /** Paths under the local root that must never be synced (e.g. the config file, which may hold a token). */
  alwaysIgnored: string[];
  toolVersion: string;
}

export interface SyncDeps {
  git: GitSource;
  center: ResourceCenter;
  clock: () => Date;
  /** Diagnostics: `info` says which server once connected. */
  logger: Logger;
  oplog?: OpLog;
  onResult?: (result: OperationResult) => void;
  onPlan?: (plan: Plan) => void;
  hooks?: RunHooks;
  /** [udf] dir is set: the folder under the local root and the server's UDF side (issue 13). */
  udf?: {
    dir: string; remote: UdfRemote; onJar?: (result: OperationResult) => void; onFunction?: (result: FunctionResult) => void;
    /** The reference guard over function deletes and jar removals (issue 14). */
    references?: UdfReferenceReview;
  };
  /** Taken before the marker is read for a run that writes, so the plan is made under it (src/app/lease). */
  lease?: Lease;
}

export type SyncMode = 'incremental' | 'full' | 'up-to-date' | 'preview';

export interface SyncReport {
  from: string | null;
  to: string;
  /** Why the run diffed from `from` (or reconciled the whole tree), and the marker's commit where there was one. */
  base: { commit: string | null; reason: BaseReason; markerCommit: string | null };
  dryRun: boolean;
  mode: SyncMode;
  server: string;
  listing: string | null;
  notes: string[];
  results: OperationResult[];
  summary: Summary & { functions?: FunctionSummary };
  markerWritten: boolean;
  /** Managed files changed on the server since the last sync that this run overwrites, moves or deletes (a full reconcile: all); absent for a preview. */
  drift?: string[];
  /** The UDF folder's jars (paths relative to it) and functions, when [udf] dir is set. */
  udf?: UdfOutcome;
  /** With `savePlan`: the plan and what the server held when it was made. */
  saved?: PlanFacts;
}

/** Connects, says to which server, and resolves `--to` (exit 2 when this clone has no such commit). */
export async function connectAndResolve(deps: Pick<SyncDeps, 'git' | 'center' | 'logger'>, rev: string): Promise<string> {
  await deps.center.connect();
  deps.logger.info(`dolps-sync: ${deps.center.describe()}`);
  const commit = await deps.git.resolve(rev);
  if (!commit) throw new UsageError(`--to ${rev}: no such commit in ${deps.git.repoRoot}`, 'name a commit, branch or tag that exists in this clone');
  return commit;
}

export async function runSync(request: SyncRequest, settings: SyncSettings, deps: SyncDeps): Promise<SyncReport> {
  const { git, center } = deps;
  const to = await connectAndResolve(deps, request.to);
  // Read once, when first needed: the commit's whole tree and functions.yaml (before the lease, and in the plan).
  let folder: ReturnType<typeof udfFolderAt> | undefined;
  const udfFolder = () => (folder ??= udfFolderAt(git, to, deps.udf));
  const first = await readMarker(center);
  // An up-to-date run and a dry run write nothing and take no lease. A run that writes reads the
  // marker again under the lease: a run that waited for another must plan from what that one left.
  const current = first.marker?.commit === to && sameRoots(first.marker, { localRoot: git.prefix, remoteRoot: settings.remoteRoot }) && !request.from;
  if (request.dryRun || !deps.lease || (current && !request.full)) return syncFrom(first, to, request, settings, deps, udfFolder);
  if (current || request.onDrift === 'fail') {
    // A --full of a root already at this commit usually finds nothing to repair: it is planned first as a
    // dry run, without the lease, so a repeat run writes nothing at all; the lease is taken only to write.
    // So is a run that fails on drift: it stops before any write, the lease's own included.
    const planned = await syncFrom(first, to, { ...request, dryRun: true }, settings, { ...deps, onResult: undefined, onPlan: undefined }, udfFolder);
    if (current && writesNothing(planned)) return { ...planned, dryRun: false };
    refuseDrift(planned.drift ?? [], request.onDrift);
  }
  // A bad functions.yaml is exit 2 before any write, the lease's own included.
  await udfFolder();
  const held: HeldLease = await deps.lease.acquire();
  try {
    return await syncFrom(await readMarker(center), to, request, settings, deps, udfFolder);
  } finally {
    await held.release();
  }
}

/** The UDF folder as the commit has it; throws (exit 2) on a bad functions.yaml. */
async function udfFolderAt(git: GitSource, to: string, udf: SyncDeps['udf']) {
  if (!udf) return undefined;
  const text = (await git.readFile(to, `${udf.dir}/${FUNCTIONS_FILE}`))?.toString('utf8') ?? null;
  return readUdfFolder(udf.dir, (await git.tree(to)).files, text, udf.remote.support);
}

/** Every planned operation is a skip: the run would send no write request. */
function writesNothing(report: SyncReport): boolean {
  return [...report.results, ...report.udf?.jars ?? []].every((r) => r.operation.op === 'skip')
    && (report.udf?.functions ?? []).every((r) => r.operation.op === 'func-skip');
}

async function syncFrom(reading: MarkerState, to: string, request: SyncRequest, settings: SyncSettings, deps: SyncDeps,
  udfFolderOf: () => ReturnType<typeof udfFolderAt>): Promise<SyncReport> {
  const { git, center } = deps;
  const repository = await repositoryOf(git, to);
  const foreign = identityRefusal(reading.marker?.repository, repository, request.adopt ?? false);
  if (foreign !== null) throw new UsageError(foreign.message, foreign.fix);
  const roots = { localRoot: git.prefix, remoteRoot: settings.remoteRoot };
  const facts = await collectBaseFacts({ from: request.from, full: request.full, to, toName: request.to, force: request.force }, reading, roots, git);
  const refusal = baseRefusal(facts);
  if (refusal !== null) {
    const { message, fix } = refusalWords(refusal, request.to);
    throw new ServerAheadError(message, fix, refusal.kind);
  }
  const choice = chooseBase(facts);
  const notes = baseNotes(choice, facts, request.to);
  const report = (mode: SyncMode, rest: Pick<SyncReport, 'listing' | 'notes' | 'results' | 'markerWritten' | 'udf' | 'drift'>): SyncReport => ({
    from: choice.commit, to, base: choice, dryRun: request.dryRun, mode, server: center.describe(), ...rest,
    notes: [...notes, ...rest.notes, ...rest.udf?.notes ?? []],
    summary: {
      ...summarize([...rest.results, ...rest.udf?.jars ?? []]),
      ...(rest.udf ? { functions: summarizeFunctions(rest.udf.functions) } : {}),
    },
  });
  const saved = (mode: SavedPlan['mode'], operations: Operation[], remote: PlanFacts['remote']): Pick<SyncReport, 'saved'> =>
    (request.savePlan ? { saved: planFactsOf({ mode, choice, to, request, roots, reading, center, operations, remote }) } : {});
  if (choice.commit === to) {
    return { ...report('up-to-date', { listing: null, notes: [], results: [], markerWritten: false, drift: [] }), ...saved('up-to-date', [], { rootExists: true, touched: {} }) };
  }

  const udfFolder = await udfFolderOf();
  const source = await openGitCommitSource(git, to, deps.udf ? { ...settings, alwaysIgnored: [...settings.alwaysIgnored, ...udfPathsOutsideFileTree(deps.udf.dir, deps.udf.remote.support)] } : settings);
  const trusted = reading.marker && sameRoots(reading.marker, roots) ? reading.marker : null;
  const udfRemoteDir = deps.udf?.remote.server?.remoteDir;
  const side = deps.udf && udfFolder && new UdfSideRun(udfFolder, {
    remote: deps.udf.remote, source, managed: trusted?.functions ?? [], concurrency: settings.concurrency,
    managedJars: udfRemoteDir === undefined ? [] : jarsUnder(trusted?.udfJars, udfRemoteDir),
    onJar: deps.udf.onJar, onFunction: deps.udf.onFunction, references: deps.udf.references,
  });
  const hooks: RunHooks | undefined = side ? { ...deps.hooks, sideRuns: [...deps.hooks?.sideRuns ?? [], side] } : deps.hooks;
  const mode: SyncMode = choice.commit === null ? 'full' : 'incremental';
  const outcome = await reconcileRun(
    {
      desired: await desiredOf(source, choice), prune: request.prune, dryRun: request.dryRun, deleteGuard: { limit: request.maxDelete },
      label: `${mode} ${choice.commit ?? '(none)'}..${to}`, detailedListing: request.savePlan,
      ...(request.onDrift ? { onDrift: request.onDrift } : {}),
    },
    {
      center, source, clock: deps.clock, logger: deps.logger, concurrency: settings.concurrency, logDir: settings.logDir,
      oplog: deps.oplog, onResult: deps.onResult, onPlan: deps.onPlan, hooks,
      state: markerStateStore(center, reading, {
        commit: to, roots, clock: deps.clock, toolVersion: settings.toolVersion, repository,
        ...(side ? { functions: () => side.managedFunctions() } : {}),
        ...(side && udfRemoteDir !== undefined ? { udfJars: () => recordedJars(side.managedJars(), udfRemoteDir) } : {}),
      }),
    },
  );
  return {
    ...report(mode, {
      listing: outcome.index.source, results: outcome.results, markerWritten: outcome.stateRecorded, drift: outcome.drift,
      notes: [...outcome.plan.notes, ...driftNotes(outcome.drift, { dryRun: request.dryRun, backupDirectory: outcome.backupDirectory })],
      ...(side?.outcome ? { udf: side.outcome } : {}),
    }),
    ...saved(mode, outcome.plan.operations, remoteFacts(outcome.plan.operations, outcome.index)),
  };
}

async function desiredOf(source: GitCommitSource, choice: BaseChoice): Promise<Desired> {
  if (choice.commit === null) return { kind: 'tree', tree: await source.tree() };
  return { kind: 'changes', changes: await source.changesSince(choice.commit) };
}

export async function repositoryOf(git: GitSource, commit: string): Promise<RepositoryIdentity> {
  const { rootCommits, remoteUrl } = await git.identity(commit);
  // The marker is readable by everyone with access to the Resource Center: never a credential in it.
  return { rootCommits, ...(remoteUrl === null ? {} : { remote: maskUrl(remoteUrl) }) };
}
