// The git-mode use case: ONE run of the pipeline.
//   marker on the server → facts → base choice (pure) → the commit's changes since the base, or its
//   whole tree → reconcileRun (plan, apply, marker last) → report.
import { chooseBase, sameRoots, type BaseChoice, type BaseReason } from '../core/base-choice.js';
import { baseNotes } from '../core/base-notes.js';
import type { Logger } from '../core/logger.js';
import type { OperationResult, Summary } from '../core/operation.js';
import { summarize } from '../core/summarize.js';
import type { ResourceCenter } from '../remote/port.js';
import type { GitSource } from '../sources/git/git-reader.js';
import { UsageError } from './errors.js';
import { readMarker, type MarkerState } from './marker-store.js';
import type { OpLog } from './oplog.js';
import { collectBaseFacts } from './pipeline/base-facts.js';
import type { Desired } from './pipeline/desired.js';
import { openGitCommitSource, type GitCommitSource } from './pipeline/git-commit-source.js';
import type { HeldLease, Lease, RunHooks } from './pipeline/hooks.js';
import { markerStateStore } from './pipeline/marker-state.js';
import { reconcileRun } from './pipeline/run.js';

export interface SyncRequest {
  /** Explicit base revision; otherwise the marker's commit. */
  from?: string;
  to: string;
  dryRun: boolean;
  full: boolean;
  prune: boolean;
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
  hooks?: RunHooks;
  /** Taken before the marker is read for a run that writes, so the plan is made under it (src/app/lease). */
  lease?: Lease;
}

export type SyncMode = 'incremental' | 'full' | 'up-to-date';

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
  summary: Summary;
  markerWritten: boolean;
}

export async function runSync(request: SyncRequest, settings: SyncSettings, deps: SyncDeps): Promise<SyncReport> {
  const { git, center } = deps;
  await center.connect();
  deps.logger.info(`dolps-sync: ${center.describe()}`);
  const to = await git.resolve(request.to);
  if (!to) throw new UsageError(`--to ${request.to}: no such commit in ${git.repoRoot}`, 'name a commit, branch or tag that exists in this clone');
  const first = await readMarker(center);
  // An up-to-date run and a dry run write nothing and take no lease. A run that writes reads the
  // marker again under the lease: a run that waited for another must plan from what that one left.
  const upToDate = first.marker?.commit === to && sameRoots(first.marker, { localRoot: git.prefix, remoteRoot: settings.remoteRoot }) && !request.from && !request.full;
  if (request.dryRun || !deps.lease || upToDate) return syncFrom(first, to, request, settings, deps);
  const held: HeldLease = await deps.lease.acquire();
  try {
    return await syncFrom(await readMarker(center), to, request, settings, deps);
  } finally {
    await held.release();
  }
}

async function syncFrom(reading: MarkerState, to: string, request: SyncRequest, settings: SyncSettings, deps: SyncDeps): Promise<SyncReport> {
  const { git, center } = deps;
  const roots = { localRoot: git.prefix, remoteRoot: settings.remoteRoot };
  const facts = await collectBaseFacts({ from: request.from, full: request.full, to }, reading, roots, git);
  const choice = chooseBase(facts);
  const notes = baseNotes(choice, facts, request.to);
  const report = (mode: SyncMode, rest: Pick<SyncReport, 'listing' | 'notes' | 'results' | 'markerWritten'>): SyncReport => ({
    from: choice.commit, to, base: choice, dryRun: request.dryRun, mode, server: center.describe(), ...rest,
    notes: [...notes, ...rest.notes], summary: summarize(rest.results),
  });
  if (choice.commit === to) return report('up-to-date', { listing: null, notes: [], results: [], markerWritten: false });

  const source = await openGitCommitSource(git, to, settings);
  const mode: SyncMode = choice.commit === null ? 'full' : 'incremental';
  const outcome = await reconcileRun(
    { desired: await desiredOf(source, choice), prune: request.prune, dryRun: request.dryRun, label: `${mode} ${choice.commit ?? '(none)'}..${to}` },
    {
      center, source, clock: deps.clock, logger: deps.logger, concurrency: settings.concurrency, logDir: settings.logDir,
      oplog: deps.oplog, onResult: deps.onResult, hooks: deps.hooks,
      state: markerStateStore(center, reading, { commit: to, roots, clock: deps.clock, toolVersion: settings.toolVersion }),
    },
  );
  return report(mode, { listing: outcome.index.source, notes: outcome.plan.notes, results: outcome.results, markerWritten: outcome.stateRecorded });
}

async function desiredOf(source: GitCommitSource, choice: BaseChoice): Promise<Desired> {
  if (choice.commit === null) return { kind: 'tree', tree: await source.tree() };
  return { kind: 'changes', changes: await source.changesSince(choice.commit) };
}
