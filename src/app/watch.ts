// The watch-mode use case: a trigger loop around the same run as `sync`.
//   connect (retried while the server is away) → without a manifest, a first reconcile of the whole
//   directory → the watcher's batches, one run each, never overlapping (its first batch is what
//   changed while we were not running). A batch that does not fully apply is never dropped, nor
//   replayed: the loop falls back to reconciling the whole directory as it is now against the
//   manifest, retried with backoff until the server takes it. The manifest records only what the
//   server has accepted.
// Issue 11 (cases 1, 2, 15): before every run the root is checked (watch-pause.ts): gone, replaced,
// emptied, or a plan deleting more than --max-delete pauses the watch; nothing is written while
// paused, and a pause longer than --max-pause ends it with exit 2. A watcher whose root was lost is
// closed; a new one starts when the same directory is back, its catch-up re-planned from the disk.
import type { Change } from '../core/change.js';
import type { DeleteLimit } from '../core/delete-threshold.js';
import { driftNotes, touchedPath } from '../core/drift.js';
import type { Logger } from '../core/logger.js';
import type { OperationResult } from '../core/operation.js';
import { emptiedPause, isRootPause, rootVerdict, tooManyDeletesPause, type RootIdentity } from '../core/watch-pause.js';
import { RemoteError } from '../remote/errors.js';
import type { ResourceCenter } from '../remote/port.js';
import type { BatchDirs, Watcher, WatchOptions } from '../sources/watch/fs-watcher.js';
import { recordChanges, type Manifest } from '../sources/watch/manifest.js';
import { observeRoot } from '../sources/watch/root-state.js';
import { TooManyDeletesError, WatchPausedError } from './errors.js';
import type { OpLog } from './oplog.js';
import { DEFAULT_BACKOFF, retryWithBackoff, type Backoff } from './pipeline/backoff.js';
import type { Desired, DesiredTreeSource, TreeSnapshot } from './pipeline/desired.js';
import { openDirectorySource } from './pipeline/directory-source.js';
import type { RunHooks, SideRun } from './pipeline/hooks.js';
import { InvalidLocalFileError } from './errors.js';
import { fileTreeBatch, watcherIgnores } from './watch-side-dirs.js';
import { openManifestState, type ManifestStateStore } from './pipeline/manifest-state.js';
import { reconcileRun, type RunOutcome } from './pipeline/run.js';
import { watchUntilRootLost } from './watcher-lifetime.js';
import { PauseClock } from './watch-pause-clock.js';

export interface WatchSettings {
  localDir: string;
  remoteRoot: string;
  concurrency: number;
  logDir?: string;
  excludes: string[];
  /** Paths under the local root never synced (the config file, the state file). */
  alwaysIgnored: string[];
  debounceMs: number;
  /** The manifest file: what the server has, as last uploaded. */
  statePath: string;
  /** --max-delete for every run; absent: 50 % of the managed files when more than 10. */
  maxDelete?: DeleteLimit;
  /** --max-pause: how long a pause may last before watch exits with 2. */
  maxPauseMs: number;
  /** Folders a side run reads itself (the UDF folder): a change there triggers a run (watch-side-dirs.ts). */
  sideDirs?: readonly string[];
}

export interface WatchDeps {
  center: ResourceCenter;
  clock: () => Date;
  logger: Logger;
  /** One applied (or failed) operation, as it happens. */
  onResult: (result: OperationResult) => void;
  /** Aborted on SIGINT/SIGTERM: finish what is in flight, save the manifest, return. */
  signal: AbortSignal;
  oplog?: OpLog;
  /** Backoff bounds for retries while the server is away. */
  backoff?: Backoff;
  /** The trigger source; the filesystem watcher unless a test gives its own. */
  watch?: (options: WatchOptions) => Promise<Watcher>;
  hooks?: RunHooks;
  /** How often the root's identity is checked while idle (tests shorten it); default ROOT_CHECK_MS. */
  rootCheckMs?: number;
  /** Side runs that keep their state in the manifest (the UDF side run), made once it is open. */
  sideRuns?: (state: ManifestStateStore) => SideRun[];
}

export async function runWatch(settings: WatchSettings, deps: WatchDeps): Promise<void> {
  const source = await openDirectorySource(settings.localDir, settings);
  const state = await openManifestState(settings.statePath, settings.remoteRoot, deps.logger, deps.center);
  const pauses = new PauseClock(settings.maxPauseMs, deps.logger);
  // A pause that outlasts --max-pause stops the watch the way SIGTERM does; then it fails (exit 2).
  const signal = AbortSignal.any([deps.signal, pauses.expired]);
  const sideRuns = [...deps.hooks?.sideRuns ?? [], ...deps.sideRuns?.(state) ?? []];
  const loop = new TriggerLoop(settings, { ...deps, hooks: { ...deps.hooks, sideRuns } }, source, state, pauses);
  const isIgnored = watcherIgnores(source.isIgnored, settings.sideDirs ?? []);
  try {
    if (await loop.connect(signal)) {
      if (!state.loaded) await loop.reconcileUntilDone('first start', signal);
      // The watcher is bound to the directory it started on: one that lost its root is closed, and a new
      // one starts once the same directory is back (a not yet mounted volume: only then).
      for (let identity = await loop.waitForRoot(signal); identity !== undefined; identity = await loop.waitForRoot(signal)) {
        const parts = { settings, deps, isIgnored, manifest: state.current(), applyBatch: loop.applyBatch.bind(loop) };
        if ((await watchUntilRootLost(identity, parts, signal)) === 'stopped') break;
      }
    }
  } finally {
    pauses.dispose();
    await state.save();
  }
  pauses.throwIfExpired();
}

class TriggerLoop {
  private outage: string | null = null;
  /** A run stopped on an invalid local file: the next trigger reconciles the whole directory, so the batches it missed are not lost. */
  private stoppedOnInvalid = false;
  private readonly backoff: Backoff;

  constructor(private readonly settings: WatchSettings, private readonly deps: WatchDeps,
    private readonly source: DesiredTreeSource, private readonly state: ManifestStateStore, private readonly pauses: PauseClock) {
    // While paused the cause is looked at again at least four times per --max-pause: a root restored (or
    // replaced) in the meantime resumes the watch (or is what the exit names) instead of a 30 s wait outliving the pause.
    this.backoff = { ...(deps.backoff ?? DEFAULT_BACKOFF), capMs: () => (pauses.isPaused ? pauses.maxPauseMs / 4 : Infinity) };
  }

  /** Connects, retrying while the server is away; false when stopped first. Wrong credentials stop at once. */
  connect(signal: AbortSignal): Promise<boolean> {
    return this.retry(async () => {
      await this.deps.center.connect();
      return true;
    }, (error) => {
      if (!(error instanceof RemoteError) || error.kind === 'auth' || !error.isFatal) throw error;
      this.reportOutage(error, 'connect');
    }, signal);
  }

  /** Waits (paused) until the root is the directory the manifest came from; undefined when stopped first. */
  async waitForRoot(signal: AbortSignal): Promise<RootIdentity | undefined> {
    let identity: RootIdentity | undefined;
    await retryWithBackoff(async () => {
      identity = await this.checkRoot();
      this.pauses.resume(isRootPause);
      return true;
    }, (error) => this.refusedOrFailed(error), this.backoff, signal);
    return signal.aborted ? undefined : identity;
  }

  async applyBatch(changes: Change[], dirs: BatchDirs, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    if (this.stoppedOnInvalid) {
      await this.reconcileUntilDone('after an invalid local file', signal);
      return;
    }
    try {
      await this.checkRoot();
      const batch = fileTreeBatch(changes, dirs, this.source.isIgnored);
      if ((await this.run({ kind: 'changes', ...batch }, 'watch batch')).stateRecorded) {
        this.serverIsBack();
        return;
      }
    } catch (error) {
      if (this.stopsOnInvalid(error)) return;
      this.refusedOrFailed(error);
    }
    // Never replayed (issue 11 case 1): the retry re-plans against the directory as it is by then.
    await this.reconcileUntilDone('retry after a failed batch', signal);
  }

  /** Reconciles the whole directory against the server until it fully applies (or we are stopped). */
  async reconcileUntilDone(why: string, signal: AbortSignal): Promise<void> {
    await this.retry(async () => {
      const outcome = await this.run({ kind: 'tree', tree: await this.treeOfRoot() }, `watch reconcile (${why})`).catch((error: unknown) => {
        if (this.stopsOnInvalid(error)) return undefined;
        throw error;
      });
      // Stopped on an invalid local file: waiting cannot fix it, the edit that does triggers the next run.
      if (outcome === undefined) return true;
      this.stoppedOnInvalid = false;
      const writes = outcome.plan.operations.filter((o) => o.op !== 'skip').length;
      if (writes > 0) this.deps.logger.info(`${why}: ${outcome.plan.operations.length} operation(s)`);
      return outcome.stateRecorded;
    }, (error) => this.refusedOrFailed(error), signal);
  }

  /** The root's identity now, or a refusal: gone, not a directory, another directory than `expected` (the manifest's). */
  private async checkRoot(expected = this.state.rootIdentity()): Promise<RootIdentity> {
    const verdict = rootVerdict(this.settings.localDir, await observeRoot(this.settings.localDir), expected, this.settings.statePath);
    if ('pause' in verdict) throw new WatchPausedError(verdict.pause.message, verdict.pause.fix, verdict.pause.reason);
    this.state.readingFrom(verdict.identity);
    return verdict.identity;
  }

  /** The whole directory, read only while the root stayed the same directory (it could be swapped while being read). */
  private async treeOfRoot(): Promise<TreeSnapshot> {
    const before = await this.checkRoot();
    const tree = await this.source.tree();
    await this.checkRoot(before);
    return tree;
  }

  private async run(desired: Desired, label: string): Promise<RunOutcome> {
    const { deps, settings } = this;
    const manifest = this.state.current();
    const emptied = emptiedPause(settings.localDir, filesAfter(manifest, desired), manifest.files.size);
    if (emptied) throw new WatchPausedError(emptied.message, emptied.fix, emptied.reason);
    let outcome: RunOutcome;
    try {
      outcome = await reconcileRun({ desired, prune: false, dryRun: false, label, deleteGuard: { limit: settings.maxDelete } }, {
        center: deps.center, source: this.source, state: this.state, clock: deps.clock, logger: deps.logger,
        concurrency: settings.concurrency, logDir: settings.logDir, oplog: deps.oplog, onResult: deps.onResult, hooks: deps.hooks,
      });
    } catch (error) {
      if (!(error instanceof TooManyDeletesError)) throw error;
      const pause = tooManyDeletesPause(error.message);
      throw new WatchPausedError(pause.message, pause.fix, pause.reason);
    }
    this.pauses.resume();
    for (const note of outcome.plan.notes) deps.logger.note(note);
    this.reportDrift(outcome, label);
    return outcome;
  }

  /**
   * Drift (issue 12): the watched directory is the truth, so a drifted file was overwritten (or deleted) like
   * any other, after the backup every overwrite gets; each one is said, as a warning, since no one reviewed it
   * first. Only those the run overwrote, moved or deleted: a reconcile finds drifted every file a batch that
   * applied in part did write (the manifest records only a batch that fully applied), and those already hold
   * the directory's content, so they are not rewritten and not said.
   */
  private reportDrift(outcome: RunOutcome, label: string): void {
    const touched = new Set(outcome.plan.operations.map(touchedPath));
    const drift = outcome.drift.filter((path) => touched.has(path));
    if (drift.length === 0) return;
    const { logger } = this.deps;
    const one = drift.length === 1;
    logger.warn(`${label}: ${drift.length} managed file${one ? ' was' : 's were'} changed on the server since the last upload (drift); the watched directory's version replaces ${one ? 'it' : 'them'}`);
    const backupDirectory = outcome.backupDirectory;
    for (const line of driftNotes(drift, { dryRun: false, ...(backupDirectory ? { backupDirectory } : {}) })) logger.warn(line);
  }

  /** An invalid local file (a bad functions.yaml) stops the run before any write: said, not retried. */
  private stopsOnInvalid(error: unknown): boolean {
    if (!(error instanceof InvalidLocalFileError)) return false;
    this.stoppedOnInvalid = true;
    // One line per problem, as sync prints them; then the fix.
    for (const line of error.message.split('\n')) this.deps.logger.error(line);
    this.deps.logger.note(`${error.fix ? `${error.fix}; ` : ''}still watching: the next change (the fixed file saved) syncs everything pending`);
    return true;
  }

  private async retry(attempt: () => Promise<boolean>, onFailure: (error: unknown) => void, signal: AbortSignal): Promise<boolean> {
    const done = await retryWithBackoff(attempt, onFailure, this.backoff, signal);
    if (done) this.serverIsBack();
    return done;
  }

  /** A refused run pauses (the clock runs); anything else is the server being away. */
  private refusedOrFailed(error: unknown): void {
    if (error instanceof WatchPausedError) this.pauses.pause({ reason: error.reason, message: error.message, fix: error.fix });
    else this.reportOutage(error);
  }

  /** Says once that the server is away; the changes stay pending. */
  private reportOutage(error: unknown, what = 'sync'): void {
    const message = error instanceof Error ? error.message : String(error);
    if (this.outage === message) return;
    this.outage = message;
    this.deps.logger.warn(`${what} failed: ${message}; changes are kept and retried with backoff`);
  }

  private serverIsBack(): void {
    if (this.outage === null) return;
    this.outage = null;
    this.deps.logger.info('the server answers again; pending changes applied');
  }
}

/** How many files the manifest would hold after this run: 0 means the run empties the remote root. */
function filesAfter(manifest: Manifest, desired: Desired): number {
  return desired.kind === 'tree' ? desired.tree.files.size : recordChanges(manifest, desired.changes).files.size;
}
