// The watch-mode use case: keep the Resource Center equal to a live directory.
//   without a manifest (first start): reconcile the whole directory against the server, comparing
//   content, so nothing identical is rewritten → start the watcher with the manifest: its first batch
//   is what changed while we were not running → then one plan per batch. Batches and reconciles never
//   overlap. A batch that does not fully apply is never
//   dropped: the run falls back to reconciling the whole directory against the manifest, retried with
//   backoff until the server takes it. The manifest records only what the server has accepted.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Change } from '../core/change.js';
import { compileIgnore, DOLPSIGNORE } from '../core/ignore.js';
import type { OperationResult, Plan } from '../core/operation.js';
import { planChanges, planReconcile, type PlanContext } from '../core/plan.js';
import { allApplied } from '../core/summarize.js';
import { RemoteError } from '../remote/errors.js';
import type { ResourceCenter } from '../remote/port.js';
import { readDirectoryTree, type DirectoryTree } from '../sources/tree/dir-reader.js';
import { ignoringEditorTemps } from '../sources/watch/editor-temp.js';
import { startWatching, type BatchDirs } from '../sources/watch/fs-watcher.js';
import {
  emptyManifest, loadManifest, recordChanges, saveManifest, type Manifest,
} from '../sources/watch/manifest.js';
import { applyPlan } from './apply.js';
import { createBackup, runIdOf } from './backup.js';
import { sha256Hex } from './content-id.js';
import type { IsIgnored } from './filter.js';
import type { OpLog } from './oplog.js';
import { mapLimit } from '../core/map-limit.js';

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
}

export interface WatchDeps {
  center: ResourceCenter;
  clock: () => Date;
  /** Diagnostics (stderr). */
  log: (line: string) => void;
  /** One applied (or failed) operation, as it happens. */
  onResult: (result: OperationResult) => void;
  /** Aborted on SIGINT/SIGTERM: finish what is in flight, save the manifest, return. */
  signal: AbortSignal;
  oplog?: OpLog;
  /** Backoff bounds for retries while the server is away. */
  backoff?: { firstMs: number; maxMs: number };
}

const DEFAULT_BACKOFF = { firstMs: 1_000, maxMs: 30_000 };

export async function runWatch(settings: WatchSettings, deps: WatchDeps): Promise<void> {
  const isIgnored = await ignoreRules(settings);
  const context = (): PlanContext => ({
    capabilities: deps.center.capabilities, fullNameLength: (p) => deps.center.fullNameLength(p), isIgnored,
  });
  const loaded = await loadState(settings, deps.log);
  const state = { manifest: loaded ?? emptyManifest(settings.remoteRoot) };
  const session = new SerialWork();
  const run = new WatchRun(settings, deps, context, state);

  if (!(await run.untilServerAnswers(() => deps.center.connect(), 'connect'))) return;
  if (!loaded) await run.reconcileUntilDone('first start');
  if (deps.signal.aborted) return;
  // With the manifest, the watcher's first batch is what changed since it was written (read after the
  // watcher is armed, so nothing falls in between), and renames of known files pair up.
  const watcher = await startWatching({
    root: settings.localDir, isIgnored, debounceMs: settings.debounceMs, manifest: state.manifest,
    onBatch: (changes, dirs) => session.run(() => run.applyBatch(changes, dirs)),
    onError: (error) => deps.log(`watch error: ${error.message}`),
  });
  try {
    deps.log(`watching ${settings.localDir} → ${deps.center.describe()}`);
    await waitForAbort(deps.signal);
  } finally {
    await watcher.close();
    await session.idle();
    await saveManifest(settings.statePath, state.manifest);
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

class WatchRun {
  private outage: string | null = null;

  constructor(
    private readonly settings: WatchSettings,
    private readonly deps: WatchDeps,
    private readonly context: () => PlanContext,
    private readonly state: { manifest: Manifest },
  ) {}

  async applyBatch(changes: Change[], dirs: BatchDirs): Promise<void> {
    if (this.deps.signal.aborted) return;
    try {
      const index = await this.deps.center.list({ withSizes: false });
      const results = await this.apply(planChanges(changes, index, this.context(), dirs));
      if (allApplied(results)) {
        this.state.manifest = recordChanges(this.state.manifest, changes, dirs);
        await saveManifest(this.settings.statePath, this.state.manifest);
        this.serverIsBack();
        return;
      }
    } catch (error) {
      this.reportOutage(error);
    }
    await this.reconcileUntilDone('retry after a failed batch');
  }

  /** Reconciles the whole directory against the server until it fully applies (or we are stopped). */
  async reconcileUntilDone(why: string): Promise<void> {
    const backoff = this.deps.backoff ?? DEFAULT_BACKOFF;
    for (let delay = backoff.firstMs; !this.deps.signal.aborted; delay = Math.min(delay * 2, backoff.maxMs)) {
      try {
        if (await this.reconcile(why)) {
          this.serverIsBack();
          return;
        }
      } catch (error) {
        this.reportOutage(error);
      }
      await sleep(delay, undefined, { signal: this.deps.signal }).catch(() => undefined);
    }
  }

  /** Calls until the server answers; false when stopped first. */
  async untilServerAnswers(call: () => Promise<void>, what: string): Promise<boolean> {
    const backoff = this.deps.backoff ?? DEFAULT_BACKOFF;
    for (let delay = backoff.firstMs; !this.deps.signal.aborted; delay = Math.min(delay * 2, backoff.maxMs)) {
      try {
        await call();
        this.serverIsBack();
        return true;
      } catch (error) {
        // Wrong credentials will not fix themselves: stop, as sync does.
        if (!(error instanceof RemoteError) || error.kind === 'auth' || !error.isFatal) throw error;
        this.reportOutage(error, what);
      }
      await sleep(delay, undefined, { signal: this.deps.signal }).catch(() => undefined);
    }
    return false;
  }

  /** One full pass: true when every operation applied and the manifest now equals the directory. */
  private async reconcile(why: string): Promise<boolean> {
    const { center } = this.deps;
    const tree = await readDirectoryTree(this.settings.localDir, this.context().isIgnored);
    const index = await center.list({ withSizes: true });
    const remoteContent = await this.remoteContentIds(tree, index.entries);
    const manifest = this.state.manifest;
    const removed = new Set([...manifest.dirs].filter((d) => !tree.dirs.has(d)));
    const plan = planReconcile(tree.files, tree.unsupported, index, this.context(), {
      prune: false, remoteContent, managed: new Set(manifest.files.keys()), directories: { present: tree.dirs, removed },
    });
    if (plan.operations.some((o) => o.op !== 'skip')) this.deps.log(`${why}: ${plan.operations.length} operation(s)`);
    const results = await this.apply(plan);
    if (!allApplied(results)) return false;
    this.state.manifest = manifestOf(tree, this.settings.remoteRoot);
    await saveManifest(this.settings.statePath, this.state.manifest);
    return true;
  }

  /**
   * sha256 of remote files whose size matches the local file. The manifest vouches for files it
   * recorded with the same size and hash, so only unknown ones are downloaded.
   */
  private async remoteContentIds(tree: DirectoryTree, remote: ReadonlyMap<string, { kind: string; size?: number }>): Promise<Map<string, string>> {
    const known = new Map<string, string>();
    const toDownload = [];
    for (const file of tree.files.values()) {
      const entry = remote.get(file.path);
      if (entry?.kind !== 'file' || (entry.size !== undefined && entry.size !== file.size)) continue;
      const recorded = this.state.manifest.files.get(file.path);
      if (recorded && recorded.size === file.size && entry.size === file.size) known.set(file.path, recorded.sha256);
      else toDownload.push(file.path);
    }
    const downloaded = await mapLimit(toDownload, this.settings.concurrency,
      async (path) => [path, sha256Hex(await this.deps.center.download(path))] as const);
    for (const [path, id] of downloaded) known.set(path, id);
    return known;
  }

  private async apply(plan: Plan): Promise<OperationResult[]> {
    const { center, clock, oplog } = this.deps;
    const backup = this.settings.logDir ? createBackup(this.settings.logDir, runIdOf(clock()), center) : undefined;
    for (const note of plan.notes) this.deps.log(`note: ${note}`);
    return applyPlan(plan, {
      center, backup, oplog, concurrency: this.settings.concurrency, onResult: this.deps.onResult,
      openFile: async (file) => createReadStream(join(this.settings.localDir, ...file.path.split('/'))),
    });
  }

  /** Says once that the server is away; the changes stay pending. */
  private reportOutage(error: unknown, what = 'sync'): void {
    const message = error instanceof Error ? error.message : String(error);
    if (this.outage === message) return;
    this.outage = message;
    this.deps.log(`${what} failed: ${message}; changes are kept and retried with backoff`);
  }

  private serverIsBack(): void {
    if (this.outage === null) return;
    this.outage = null;
    this.deps.log('the server answers again; pending changes applied');
  }
}

function manifestOf(tree: DirectoryTree, remoteRoot: string): Manifest {
  const manifest = emptyManifest(remoteRoot);
  for (const [path, file] of tree.files) manifest.files.set(path, { size: file.size, sha256: file.blob });
  for (const dir of tree.dirs) manifest.dirs.add(dir);
  return manifest;
}

/** The manifest, or undefined when there is none usable (then every file is compared with the server). */
async function loadState(settings: WatchSettings, log: (line: string) => void): Promise<Manifest | undefined> {
  try {
    const manifest = await loadManifest(settings.statePath);
    if (!manifest || manifest.remoteRoot === settings.remoteRoot) return manifest;
    log(`note: the watch state ${settings.statePath} was written for ${manifest.remoteRoot}; comparing every file again`);
  } catch (error) {
    log(`warning: ${error instanceof Error ? error.message : String(error)}; comparing every file again`);
  }
  return undefined;
}

async function ignoreRules(settings: WatchSettings): Promise<IsIgnored> {
  const dolpsignore = await readFile(join(settings.localDir, DOLPSIGNORE), 'utf8').catch(() => undefined);
  // Editor temp files (swap files, atomic-save temporaries) are never resources.
  return ignoringEditorTemps(compileIgnore({ dolpsignore, excludes: settings.excludes, paths: settings.alwaysIgnored }));
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
