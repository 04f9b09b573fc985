// The running state of one watch: feeds events into the coalescer, keeps a single timer armed only
// while something is pending (an idle watcher has no timer at all), and runs one batch at a time:
// observe the ready paths, resolve them into Changes, hand them to onBatch, then update `known`.
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Change, FileRef } from '../../core/change.js';
import type { IgnorePredicate } from '../tree/dir-reader.js';
import { mapLimit } from '../../core/map-limit.js';
import { Coalescer, type CoalescerOptions, type ReadyBatch, type WatchEventType } from './coalesce.js';
import { WatchError } from './errors.js';
import { findMissedEntries } from './missed-entries.js';
import { observePath, signatureOf } from './observe.js';
import { applyToKnown, resolveBatch, type BatchDirs, type Observation } from './resolve-batch.js';

/** Injected so tests can drive time; the default is the monotonic clock and Node's timers. */
export interface WatchTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: WatchTimers = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SessionOptions {
  root: string;
  /**
   * The root directory's device, inode and birth time at start: a root replaced by another directory
   * is not watched. The birth time matters: ext4 hands a just-freed inode number to the next mkdir
   * (measured: `rm -rf d && mkdir d` reused the inode 200 times out of 200), so dev + inode alone
   * cannot tell the new directory from the old one. A birth time of 0 means the file system has none.
   */
  rootIdentity: { dev: number; ino: number; birthtimeMs: number };
  isIgnored: IgnorePredicate;
  coalescer: CoalescerOptions;
  known: Map<string, FileRef>;
  authoritative: boolean;
  pairRenames: boolean;
  /** Hold event batches until `emitPrepared` delivered the catch-up, which must come first. */
  holdForCatchUp: boolean;
  onBatch(changes: Change[], dirs: BatchDirs): Promise<void>;
  onError(err: Error): void;
  /** Asks the underlying watcher to watch paths it missed (see missed-entries.ts), without events. */
  track(paths: string[]): void;
  timers?: WatchTimers | undefined;
}

const EVENT_TYPES: ReadonlySet<string> = new Set<WatchEventType>(['add', 'change', 'unlink', 'addDir', 'unlinkDir']);
/** Files stat'ed and hashed at once while a batch is prepared. */
const OBSERVE_CONCURRENCY = 8;

export class WatchSession {
  private readonly coalescer: Coalescer;
  private readonly timers: WatchTimers;
  /** Signature (size, mtime, inode) each file had at its last event, for the stability check. */
  private readonly signatures = new Map<string, string>();
  private timer: unknown;
  private timerAt = Infinity;
  private flight: Promise<void> | undefined;
  private closed = false;
  private rootGone = false;
  private held: boolean;

  constructor(private readonly options: SessionOptions) {
    this.coalescer = new Coalescer(options.coalescer);
    this.timers = options.timers ?? realTimers;
    this.held = options.holdForCatchUp;
  }

  onEvent(event: string, path: string | undefined, stats?: Stats): void {
    if (this.closed || this.rootGone || path === undefined || !EVENT_TYPES.has(event)) return;
    if (path === '') {
      if (event === 'unlinkDir') this.rootRemoved();
      return;
    }
    const type = event as WatchEventType;
    const isDir = type === 'addDir' || type === 'unlinkDir';
    if (this.options.isIgnored(path, isDir)) return;
    if (!isDir && stats && type !== 'unlink') this.signatures.set(path, signatureOf(stats));
    if (type === 'unlink') this.signatures.delete(path);
    if (this.coalescer.record({ type, path }, this.timers.now())) this.schedule();
  }

  /** Emits a batch built elsewhere (the start-up catch-up) through the same single flight. */
  emitPrepared(changes: Change[], dirs: BatchDirs): void {
    this.startFlight(async () => {
      try {
        await this.deliver(changes, dirs);
      } finally {
        this.held = false;
      }
    });
  }

  close(): void {
    this.closed = true;
    this.clearTimer();
  }

  /** Settles when no batch is running. */
  async idle(): Promise<void> {
    while (this.flight) await this.flight;
  }

  private schedule(): void {
    if (this.closed || this.held || this.flight) return;
    const wake = this.coalescer.nextWakeAt();
    if (wake === undefined) return this.clearTimer();
    // An earlier timer is kept: when it fires early it simply re-arms for the new time.
    if (this.timer !== undefined && this.timerAt <= wake) return;
    this.clearTimer();
    this.timerAt = wake;
    this.timer = this.timers.setTimeout(() => this.onTimer(), Math.max(0, wake - this.timers.now()));
  }

  private onTimer(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    if (this.closed || this.held || this.flight) return;
    const ready = this.coalescer.take(this.timers.now());
    if (ready) this.startFlight(() => this.runBatch(ready));
    else this.schedule();
  }

  /** Callers make sure no flight is running: onTimer checks, emitPrepared runs before any event batch. */
  private startFlight(work: () => Promise<void>): void {
    const flight: Promise<void> = work()
      .catch((err: unknown) => this.options.onError(err instanceof Error ? err : new Error(String(err))))
      .finally(() => {
        if (this.flight === flight) this.flight = undefined;
        this.schedule();
      });
    this.flight = flight;
  }

  private async runBatch(ready: ReadyBatch): Promise<void> {
    if (!(await this.rootExists())) return this.rootRemoved();
    const observed = await this.observe(ready);
    await this.recoverMissed(ready, observed);
    const batch = resolveBatch(ready, observed, this.options.known, {
      authoritative: this.options.authoritative,
      pairRenames: this.options.pairRenames,
    });
    await this.deliver(batch.changes, batch.dirs);
  }

  /** Stats and hashes the ready paths; files still being written go back to the coalescer. */
  private async observe(ready: ReadyBatch): Promise<Map<string, Observation>> {
    const paths = [...ready.dirsAdded, ...ready.dirsDeleted, ...ready.files.map((file) => file.path)];
    const states = await mapLimit(paths, OBSERVE_CONCURRENCY, (path) => observePath(this.options.root, path, this.signatures.get(path)));
    const observed = new Map<string, Observation>();
    const effects = new Map(ready.files.map((file) => [file.path, file.effect]));
    const now = this.timers.now();
    states.forEach((state, index) => {
      const path = paths[index] as string;
      if ('observation' in state) {
        observed.set(path, state.observation);
        this.signatures.delete(path);
        return;
      }
      this.signatures.set(path, state.unstable);
      this.coalescer.postpone(path, effects.get(path) ?? 'modified', now);
    });
    return observed;
  }

  /** New directories are listed again: what chokidar never reported joins the next batch. */
  private async recoverMissed(ready: ReadyBatch, observed: ReadonlyMap<string, Observation>): Promise<void> {
    const newDirs = ready.dirsAdded.filter((dir) => observed.get(dir)?.kind === 'dir');
    if (newDirs.length === 0) return;
    const inBatch = new Set([...newDirs, ...ready.files.map((file) => file.path)]);
    const isReported = (path: string): boolean => inBatch.has(path) || this.coalescer.isPending(path) || this.options.known.has(path);
    const missed = await findMissedEntries(this.options.root, this.options.isIgnored, newDirs, isReported);
    // After close, asking chokidar to watch would reopen it (FSWatcher.add clears `closed`).
    if (this.closed || (missed.files.length === 0 && missed.dirs.length === 0)) return;
    this.options.track([...missed.dirs, ...missed.files.map((file) => file.path)]);
    const now = this.timers.now();
    for (const path of missed.dirs) this.coalescer.record({ type: 'addDir', path }, now);
    for (const { path, signature } of missed.files) {
      if (signature !== undefined) this.signatures.set(path, signature);
      this.coalescer.record({ type: 'add', path }, now);
    }
  }

  private async deliver(changes: Change[], dirs: BatchDirs): Promise<void> {
    if (this.closed || (changes.length === 0 && dirs.added.length === 0 && dirs.deleted.length === 0)) return;
    await this.options.onBatch(changes, dirs);
    applyToKnown(this.options.known, changes);
  }

  private async rootExists(): Promise<boolean> {
    try {
      const now = await stat(this.options.root);
      const { ino, dev, birthtimeMs } = this.options.rootIdentity;
      return now.isDirectory() && now.ino === ino && now.dev === dev && (birthtimeMs === 0 || now.birthtimeMs === birthtimeMs);
    } catch {
      return false;
    }
  }

  /** Never turn a vanished root into "delete everything remotely": stop and say so instead. */
  private rootRemoved(): void {
    if (this.rootGone) return;
    this.rootGone = true;
    this.clearTimer();
    this.options.onError(new WatchError('rootMissing', this.options.root,
      `The watched directory ${this.options.root} was removed or replaced; nothing is deleted remotely. `
      + 'Restore it and restart watch'));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }
}
