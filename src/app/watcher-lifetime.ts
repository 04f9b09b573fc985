// One watcher's life inside `watch`: started on the directory the root check accepted, it runs the
// batches one at a time until the watch is stopped or its root is lost (the watch source reports the
// root removed, or the identity check finds another directory or none: issue 11 case 15, where a
// watcher left on a vanished root sat idle for good). The watcher is bound to that directory, so
// runWatch starts a new one when the same directory is back.
import type { Change } from '../core/change.js';
import type { RootIdentity } from '../core/watch-pause.js';
import { WatchError } from '../sources/watch/errors.js';
import { startWatching, type BatchDirs, type Watcher } from '../sources/watch/fs-watcher.js';
import type { Manifest } from '../sources/watch/manifest.js';
import type { IgnorePredicate } from '../sources/tree/dir-reader.js';
import { watchRootIdentity } from './root-watchdog.js';
import type { WatchDeps, WatchSettings } from './watch.js';

export interface WatcherParts {
  settings: Pick<WatchSettings, 'localDir' | 'debounceMs'>;
  deps: Pick<WatchDeps, 'watch' | 'logger' | 'center' | 'rootCheckMs'>;
  isIgnored: IgnorePredicate;
  /** What the server has: the new watcher's first batch is what changed since (its catch-up). */
  manifest: Manifest;
  /** One batch, run after the previous one settled; `signal` aborts its retries when the root is lost. */
  applyBatch(changes: Change[], dirs: BatchDirs, signal: AbortSignal): Promise<void>;
}

/** Watches the directory `identity` names until `signal` aborts ('stopped') or the root is lost. */
export async function watchUntilRootLost(identity: RootIdentity, parts: WatcherParts, signal: AbortSignal): Promise<'stopped' | 'rootLost'> {
  const { settings, deps } = parts;
  const lost = new AbortController();
  const running = AbortSignal.any([signal, lost.signal]);
  const serial = new SerialWork();
  // With the manifest, the watcher's first batch is what changed since it was written (read after the
  // watcher is armed, so nothing falls in between), and renames of known files pair up.
  let watcher: Watcher;
  try {
    watcher = await (deps.watch ?? startWatching)({
      root: settings.localDir, isIgnored: parts.isIgnored, debounceMs: settings.debounceMs, manifest: parts.manifest,
      onBatch: (changes, dirs) => serial.run(() => parts.applyBatch(changes, dirs, running)),
      onError: (error) => (isRootLoss(error) ? lost.abort() : deps.logger.warn(`watch error: ${error.message}`)),
    });
  } catch (error) {
    if (isRootLoss(error)) return 'rootLost';
    throw error;
  }
  const watchdog = watchRootIdentity(settings.localDir, identity, () => lost.abort(), deps.rootCheckMs);
  try {
    deps.logger.info(`watching ${settings.localDir} → ${deps.center.describe()}`);
    await waitForAbort(running);
  } finally {
    watchdog.stop();
    await watcher.close();
    await serial.idle();
  }
  return signal.aborted ? 'stopped' : 'rootLost';
}

function isRootLoss(error: unknown): boolean {
  return error instanceof WatchError && error.code === 'rootMissing';
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

function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
