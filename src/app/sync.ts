// The git-mode use case: decide what to diff from, plan, apply, and move the marker last.
//   marker on the server → base commit (or a full reconcile when it is missing, unreachable or
//   not an ancestor) → changes → remote listing → plan → [dry-run stops here] → apply → marker.
import type { FileRef } from '../core/change.js';
import { compileIgnore, DOLPSIGNORE } from '../core/ignore.js';
import { MARKER_NAME, nextManagedFiles, type Marker } from '../core/marker.js';
import type { OperationResult, Plan, Summary } from '../core/operation.js';
import { planChanges, planReconcile, type PlanContext } from '../core/plan.js';
import type { RemoteIndex } from '../core/remote-index.js';
import { allApplied, summarize } from '../core/summarize.js';
import type { ResourceCenter } from '../remote/port.js';
import type { GitSource } from '../sources/git/git-reader.js';
import { applyPlan } from './apply.js';
import { createBackup, runIdOf } from './backup.js';
import { gitBlobId } from './content-id.js';
import { UsageError } from './errors.js';
import { filterChanges, filterTree, type IsIgnored } from './filter.js';
import { readMarker, writeMarker } from './marker-store.js';
import type { OpLog } from './oplog.js';
import { mapLimit } from '../core/map-limit.js';

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
  /** Diagnostics for the user (stderr). */
  log: (line: string) => void;
  oplog?: OpLog;
  onResult?: (result: OperationResult) => void;
  /** Told what the server is once connected (generation, tenant, resolved remote root). */
  onConnected?: (server: string) => void;
}

export type SyncMode = 'incremental' | 'full' | 'up-to-date';

export interface SyncReport {
  from: string | null;
  to: string;
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
  deps.onConnected?.(center.describe());
  const to = await git.resolve(request.to);
  if (!to) throw new UsageError(`--to ${request.to}: no such commit in ${git.repoRoot}`, 'name a commit, branch or tag that exists in this clone');
  const markerState = await readMarker(center);
  const notes = markerState.warning ? [markerState.warning] : [];
  const marker = trustedMarker(markerState.marker, git, settings, notes);
  const base = await chooseBase(request, marker, git, notes);
  const report = (mode: SyncMode, listing: string | null, plan: Plan, results: OperationResult[], markerWritten: boolean): SyncReport => ({
    from: base, to, dryRun: request.dryRun, mode, server: center.describe(), listing, notes: [...notes, ...plan.notes],
    results, summary: summarize(results), markerWritten,
  });
  if (base === to && !request.full) return report('up-to-date', null, { operations: [], notes: [] }, [], false);

  const isIgnored = await ignoreRules(git, to, settings);
  const context: PlanContext = { capabilities: center.capabilities, fullNameLength: (p) => center.fullNameLength(p), isIgnored };
  const mode: SyncMode = base === null ? 'full' : 'incremental';
  const managed = new Set(marker?.files ?? []);
  const { plan, index, present } = mode === 'full'
    ? await planFull(to, { prune: request.prune, managed }, context, deps, settings.concurrency)
    : { ...await planIncremental(base as string, to, context, deps), present: managed };
  if (request.dryRun) {
    const planned = plan.operations.map((operation): OperationResult => ({ operation, ok: true }));
    return report(mode, index.source, plan, planned, false);
  }

  const runId = runIdOf(deps.clock());
  await deps.oplog?.write(`run ${runId} ${mode} ${base ?? '(none)'}..${to} on ${center.describe()}`);
  const backup = settings.logDir ? createBackup(settings.logDir, runId, center) : undefined;
  const results = await applyPlan(plan, {
    center, backup, oplog: deps.oplog, concurrency: settings.concurrency, onResult: deps.onResult,
    openFile: (file: FileRef) => git.open(file),
  });
  let markerWritten = false;
  if (allApplied(results) && markerState.marker?.commit !== to) {
    if (!index.rootExists && !results.some((r) => r.operation.op === 'mkdir' && r.operation.path === '')) await center.mkdir('');
    await writeMarker(center, {
      version: 1, commit: to, localRoot: git.prefix, remoteRoot: settings.remoteRoot,
      syncedAt: deps.clock().toISOString(), tool: `dolps-sync ${settings.toolVersion}`,
      files: nextManagedFiles([...present], results.filter((r) => r.ok).map((r) => r.operation)),
    }, index.entries.has(MARKER_NAME) || markerState.marker !== null);
    markerWritten = true;
  }
  return report(mode, index.source, plan, results, markerWritten);
}

/** The marker, when it was written for the same local and remote roots; otherwise it says nothing about us. */
function trustedMarker(marker: Marker | null, git: GitSource, settings: SyncSettings, notes: string[]): Marker | null {
  if (!marker || (marker.localRoot === git.prefix && marker.remoteRoot === settings.remoteRoot)) return marker;
  notes.push(`the marker was written for local root "${marker.localRoot}" → ${marker.remoteRoot}, not "${git.prefix}" → ${settings.remoteRoot}: full reconcile`);
  return null;
}

/** The commit to diff from, or null for a full reconcile; says why in `notes` when it falls back. */
async function chooseBase(request: SyncRequest, marker: Marker | null, git: GitSource, notes: string[]): Promise<string | null> {
  if (request.full) return null;
  if (request.from !== undefined && !/^0+$/.test(request.from)) {
    const from = await git.resolve(request.from);
    if (!from) throw new UsageError(`--from ${request.from}: no such commit in ${git.repoRoot}`, 'name a commit that exists in this clone, or omit --from to use the marker on the server');
    return from;
  }
  if (!marker) {
    if (!notes.some((n) => n.includes('marker'))) notes.push('no state marker on the server: full reconcile of the tree against the remote listing');
    return null;
  }
  if (!(await git.resolve(marker.commit)) && !(await git.fetchCommit(marker.commit))) {
    notes.push(`the last synced commit ${marker.commit.slice(0, 12)} is not in this clone and could not be fetched (a shallow CI clone? set GIT_DEPTH: 0 or fetch-depth: 0): full reconcile`);
    return null;
  }
  if (marker.commit !== (await git.resolve(request.to)) && !(await git.isAncestor(marker.commit, request.to))) {
    notes.push(`the last synced commit ${marker.commit.slice(0, 12)} is not an ancestor of ${request.to} (history rewritten by a force-push?): full reconcile`);
    return null;
  }
  return marker.commit;
}

/** The ignore rules as the commit has them: its .dolpsignore, not the working tree's. */
async function ignoreRules(git: GitSource, to: string, settings: SyncSettings): Promise<IsIgnored> {
  const dolpsignore = await git.readFile(to, DOLPSIGNORE);
  return compileIgnore({ dolpsignore: dolpsignore?.toString('utf8'), excludes: settings.excludes, paths: settings.alwaysIgnored });
}

async function planIncremental(base: string, to: string, context: PlanContext, deps: SyncDeps): Promise<{ plan: Plan; index: RemoteIndex }> {
  const changes = filterChanges(await deps.git.diff(base, to), context.isIgnored);
  const index = await deps.center.list({ withSizes: false });
  return { plan: planChanges(changes, index, context), index };
}

/** Full reconcile; `present` is what is ours on the server before the plan runs: managed files and the commit's files already there. */
async function planFull(to: string, options: { prune: boolean; managed: ReadonlySet<string> }, context: PlanContext, deps: SyncDeps,
  concurrency: number): Promise<{ plan: Plan; index: RemoteIndex; present: Set<string> }> {
  const tree = await deps.git.tree(to);
  const desired = filterTree(tree.files, context.isIgnored);
  const unsupported = tree.unsupported.filter((c) => c.kind !== 'unsupported' || !context.isIgnored(c.path, false));
  const index = await deps.center.list({ withSizes: true });
  const remoteContent = await hashSameSizeFiles(desired, index, deps.center, concurrency);
  const plan = planReconcile(desired, unsupported, index, context, { ...options, remoteContent });
  const present = new Set([...options.managed, ...[...desired.keys()].filter((p) => index.entries.get(p)?.kind === 'file')]);
  return { plan, index, present };
}

/** Downloads only the remote files whose size matches the commit's, to prove them identical or not. */
async function hashSameSizeFiles(desired: ReadonlyMap<string, FileRef>, index: RemoteIndex, center: ResourceCenter,
  concurrency: number): Promise<Map<string, string>> {
  const candidates = [...desired.values()].filter((file) => {
    const remote = index.entries.get(file.path);
    return remote?.kind === 'file' && (remote.size === undefined || remote.size === file.size);
  });
  const ids = await mapLimit(candidates, concurrency, async (file) => [file.path, gitBlobId(await center.download(file.path))] as const);
  return new Map(ids);
}
