// The watch-mode use case: a trigger loop around the same run as `sync`.
//   connect (retried while the server is away) → without a manifest, a first reconcile of the whole
//   directory → the watcher's batches, one run each, never overlapping (its first batch is what
//   changed while we were not running). A batch that does not fully apply is never dropped: the
//   loop falls back to reconciling the whole directory against the manifest, retried with backoff
//   until the server takes it. The manifest records only what the server has accepted.
import type { Change } from '../core/change.js';
import type { Logger } from '../core/logger.js';
import type { OperationResult } from '../core/operation.js';
import { RemoteError } from '../remote/errors.js';
import type { ResourceCenter } from '../remote/port.js';
import { startWatching, type BatchDirs, type Watcher, type WatchOptions } from '../sources/watch/fs-watcher.js';
import type { OpLog } from './oplog.js';
import { DEFAULT_BACKOFF, retryWithBackoff, type Backoff } from './pipeline/backoff.js';
import type { Desired, DesiredTreeSource } from './pipeline/desired.js';
import { openDirectorySource } from './pipeline/directory-source.js';
import type { RunHooks, SideRun } from './pipeline/hooks.js';
import { InvalidLocalFileError } from './errors.js';
import { fileTreeBatch, watcherIgnores } from './watch-side-dirs.js';
import { openManifestState, type ManifestStateStore } from './pipeline/manifest-state.js';
import { reconcileRun, type RunOutcome } from './pipeline/run.js';

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
  /** Side runs that keep their state in the manifest (the UDF side run), made once it is open. */
  sideRuns?: (state: ManifestStateStore) => SideRun[];
}

export async function runWatch(settings: WatchSettings, deps: WatchDeps): Promise<void> {
  const source = await openDirectorySource(settings.localDir, settings);
  const state = await openManifestState(settings.statePath, settings.remoteRoot, deps.logger);
  const sideRuns = [...deps.hooks?.sideRuns ?? [], ...deps.sideRuns?.(state) ?? []];
  const loop = new TriggerLoop(settings, { ...deps, hooks: { ...deps.hooks, sideRuns } }, source, state);
  if (!(await loop.connect())) return;
  if (!state.loaded) await loop.reconcileUntilDone('first start');
  if (deps.signal.aborted) return;
  const serial = new SerialWork();
  // With the manifest, the watcher's first batch is what changed since it was written (read after the
  // watcher is armed, so nothing falls in between), and renames of known files pair up.
  const watcher = await (deps.watch ?? startWatching)({
    root: settings.localDir, isIgnored: watcherIgnores(source.isIgnored, settings.sideDirs ?? []), debounceMs: settings.debounceMs, manifest: state.current(),
    onBatch: (changes, dirs) => serial.run(() => loop.applyBatch(changes, dirs)),
    onError: (error) => deps.logger.warn(`watch error: ${error.message}`),
  });
  try {
    deps.logger.info(`watching ${settings.localDir} → ${deps.center.describe()}`);
    await waitForAbort(deps.signal);
  } finally {
    await watcher.close();
    await serial.idle();
    await state.save();
  }
}

/** Runs one piece of work at a time, in arrival order. */
class SerialWork {
  private tail: Promise<void> = Promise.resolve();
  run(work: () => Promise<void>): Promise<void> {
    const next = this.tail.then(work);
    this.tail = next.catch(() => undefined);
    return next;
  }
  idle(): Promise<void> {
    return this.tail;
  }
}

class TriggerLoop {
  private outage: string | null = null;
  /** A run stopped on an invalid local file: the next trigger reconciles the whole directory, so the batches it missed are not lost. */
  private stoppedOnInvalid = false;
  private readonly backoff: Backoff;

  constructor(private readonly settings: WatchSettings, private readonly deps: WatchDeps,
    private readonly source: DesiredTreeSource, private readonly state: ManifestStateStore) {
    this.backoff = deps.backoff ?? DEFAULT_BACKOFF;
  }

  /** Connects, retrying while the server is away; false when stopped first. Wrong credentials stop at once. */
  connect(): Promise<boolean> {
    return this.retry(async () => {
      await this.deps.center.connect();
      return true;
    }, (error) => {
      if (!(error instanceof RemoteError) || error.kind === 'auth' || !error.isFatal) throw error;
      this.reportOutage(error, 'connect');
    });
  }

  async applyBatch(changes: Change[], dirs: BatchDirs): Promise<void> {
    if (this.deps.signal.aborted) return;
    if (this.stoppedOnInvalid) {
      await this.reconcileUntilDone('after an invalid local file');
      return;
    }
    try {
      const batch = fileTreeBatch(changes, dirs, this.source.isIgnored);
      if ((await this.run({ kind: 'changes', ...batch }, 'watch batch')).stateRecorded) {
        this.serverIsBack();
        return;
      }
    } catch (error) {
      if (this.stopsOnInvalid(error)) return;
      this.reportOutage(error);
    }
    await this.reconcileUntilDone('retry after a failed batch');
  }

  /** Reconciles the whole directory against the server until it fully applies (or we are stopped). */
  async reconcileUntilDone(why: string): Promise<void> {
    await this.retry(async () => {
      const outcome = await this.run({ kind: 'tree', tree: await this.source.tree() }, `watch reconcile (${why})`).catch((error: unknown) => {
        if (this.stopsOnInvalid(error)) return undefined;
        throw error;
      });
      // Stopped on an invalid local file: waiting cannot fix it, the edit that does triggers the next run.
      if (outcome === undefined) return true;
      this.stoppedOnInvalid = false;
      const writes = outcome.plan.operations.filter((o) => o.op !== 'skip').length;
      if (writes > 0) this.deps.logger.info(`${why}: ${outcome.plan.operations.length} operation(s)`);
      return outcome.stateRecorded;
    }, (error) => this.reportOutage(error));
  }

  private async run(desired: Desired, label: string): Promise<RunOutcome> {
    const { deps, settings } = this;
    const outcome = await reconcileRun({ desired, prune: false, dryRun: false, label }, {
      center: deps.center, source: this.source, state: this.state, clock: deps.clock, logger: deps.logger,
      concurrency: settings.concurrency, logDir: settings.logDir, oplog: deps.oplog, onResult: deps.onResult, hooks: deps.hooks,
    });
    for (const note of outcome.plan.notes) deps.logger.note(note);
    return outcome;
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

  private async retry(attempt: () => Promise<boolean>, onFailure: (error: unknown) => void): Promise<boolean> {
    const done = await retryWithBackoff(attempt, onFailure, this.backoff, this.deps.signal);
    if (done) this.serverIsBack();
    return done;
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

function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
