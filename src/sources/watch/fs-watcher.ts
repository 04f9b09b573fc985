// The directory-watch source: filesystem events → coalesced, verified batches of Changes.
//
// Why chokidar 4 and not Node 20's `fs.watch(dir, { recursive: true })` (measured on Linux 6.18,
// Node 20.20.2, chokidar 4.0.3):
// - On Linux, Node 20's recursive mode is not native: it is the JavaScript fallback
//   `lib/internal/fs/recursive_watch.js`, which walks the tree with readdirSync/statSync (blocking
//   the event loop) and keeps one inotify watch per file and per directory. It watches inodes and
//   never re-arms them, so after an editor's atomic save (rename over x) or a delete + re-create,
//   later writes to x were not reported at all. `rm -rf d` missed one of d's files; deleting `a`
//   produced spurious events for `ab` (prefix match on the path); adds and deletes both arrive as
//   'rename'. Each of those is a silently lost or wrong upload.
// - chokidar 4 (no polling: fs.watch per directory and per file, re-armed when a file's inode
//   changes) got all of those right: adds, deletes, renames as unlink + add, new directories,
//   rm -rf file by file, atomic saves as one change. Two defects of its own are handled here:
//   files created while it lists a new directory are never reported (missed-entries.ts), and
//   close() can be undone by a late removal event (closeForGood below).
// - The cost has the same shape for both: one inotify watch per file and per directory (2,051 for
//   51 directories and 2,000 files, either way); ignored directories are pruned and cost nothing.
//   chokidar's start-up walk is async (260 ms there, vs 34 ms of blocking sync calls). Idle CPU
//   over 3 s: about 1 ms. When the kernel's limit (fs.inotify.max_user_watches) runs out, the error
//   says how to raise it.
// chokidar's own `atomic` and `awaitWriteFinish` are off: they hide events behind timers of their
// own. Debounce, atomic-save folding and the size-stability check live in coalesce.ts and
// observe.ts, where they are tested with a fake clock.
import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Change } from '../../core/change.js';
import { readDirectoryTree, type IgnorePredicate } from '../tree/dir-reader.js';
import { ignoringEditorTemps } from './editor-temp.js';
import { WatchError, watchErrorFrom } from './errors.js';
import { diffManifest, diffManifestDirs, manifestFileRefs, type Manifest } from './manifest.js';
import { WatchSession, type WatchTimers } from './watch-session.js';
import type { BatchDirs } from './resolve-batch.js';

export type { BatchDirs } from './resolve-batch.js';
export type { WatchTimers } from './watch-session.js';

export interface WatchOptions {
  root: string;
  isIgnored: IgnorePredicate;
  /** Quiet time per path before it is emitted. Default 300 ms. */
  debounceMs?: number;
  /** Longest a ready path waits for busy ones (a file written for minutes). Default 10 × debounce. */
  maxWaitMs?: number;
  /**
   * One batch at a time: the next call waits until this one settles, and events meanwhile go into
   * the next batch. `dirs` lists directories created (possibly empty) and removed, which `Change`
   * cannot express. If it rejects, the error goes to `onError` and the batch is not retried: the
   * paths are emitted again on their next change, or by the next start's catch-up.
   */
  onBatch(changes: Change[], dirs: BatchDirs): Promise<void>;
  onError(err: Error): void;
  /**
   * What was last uploaded. When given, the first batch is the catch-up (what changed while the
   * watcher was not running, read after the watcher is armed so nothing falls in between), and
   * every later change is classified against it: saves that do not change the content are dropped,
   * moves pair into `renamed`, a removed directory lists its files as deleted.
   */
  manifest?: Manifest;
  /** Pair a deleted and an added file with the same sha256 into `renamed`. Default true. */
  pairRenames?: boolean;
  timers?: WatchTimers;
}

export interface Watcher {
  /** Stops watching and waits for a running `onBatch`; changes not yet emitted are dropped. */
  close(): Promise<void>;
}

export async function startWatching(options: WatchOptions): Promise<Watcher> {
  const { root, identity } = await resolveRoot(options.root);
  const isIgnored = ignoringEditorTemps(options.isIgnored);
  const watcher = watch(root, {
    ignoreInitial: true,
    followSymlinks: false,
    atomic: false,
    alwaysStat: true,
    persistent: true,
    ignored: (absolute: string, stats?: Stats) => chokidarIgnores(root, isIgnored, absolute, stats),
  });
  const session = new WatchSession({
    root,
    rootIdentity: identity,
    isIgnored,
    coalescer: { debounceMs: options.debounceMs, maxWaitMs: options.maxWaitMs },
    known: options.manifest ? manifestFileRefs(options.manifest) : new Map(),
    authoritative: options.manifest !== undefined,
    pairRenames: options.pairRenames ?? true,
    holdForCatchUp: options.manifest !== undefined,
    onBatch: (changes, dirs) => options.onBatch(changes, dirs),
    onError: (err) => options.onError(err),
    track: (paths) => watcher.add(paths.map((path) => join(root, path))),
    timers: options.timers,
  });
  watcher.on('all', (event, absolute, stats) => session.onEvent(event, relativePathOf(root, absolute), stats));
  try {
    await whenReady(watcher, root, (err) => options.onError(err));
    if (options.manifest) await startWithCatchUp(session, root, isIgnored, options.manifest);
  } catch (err) {
    await closeForGood(watcher);
    throw watchErrorFrom(err, root);
  }
  return {
    close: async () => {
      session.close();
      await closeForGood(watcher);
      await session.idle();
    },
  };
}

async function startWithCatchUp(session: WatchSession, root: string, isIgnored: IgnorePredicate, manifest: Manifest): Promise<void> {
  const tree = await readDirectoryTree(root, isIgnored);
  session.emitPrepared([...diffManifest(manifest, tree), ...tree.unsupported], diffManifestDirs(manifest, tree));
}

async function resolveRoot(root: string): Promise<{ root: string; identity: { dev: number; ino: number; birthtimeMs: number } }> {
  // chokidar does not follow symbolic links, so a root that is one must be resolved first.
  const absolute = resolve(root);
  try {
    const real = await realpath(absolute);
    const stats = await stat(real);
    if (stats.isDirectory()) return { root: real, identity: { dev: stats.dev, ino: stats.ino, birthtimeMs: stats.birthtimeMs } };
  } catch (err) {
    throw new WatchError('rootMissing', absolute, `Cannot watch ${absolute}: it does not exist. Check the local directory setting`, { cause: err });
  }
  throw new WatchError('rootMissing', absolute, `Cannot watch ${absolute}: it is not a directory. Point the local directory setting at a directory`);
}

/** chokidar asks before it has stats too; then only what is ignored as both file and directory is. */
function chokidarIgnores(root: string, isIgnored: IgnorePredicate, absolute: string, stats: Stats | undefined): boolean {
  const path = relativePathOf(root, absolute);
  if (path === undefined || path === '') return false;
  if (stats) return isIgnored(path, stats.isDirectory());
  return isIgnored(path, false) && isIgnored(path, true);
}

/** '/'-separated path relative to root; '' for the root itself; undefined outside it. */
function relativePathOf(root: string, absolute: string): string | undefined {
  const path = relative(root, absolute);
  if (path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}

/**
 * chokidar 4.0.3 can reopen itself after close(): a file removal it handles late runs
 * FSWatcher._remove, which calls add() on the parent directory "to watch for its return" when one
 * entry is left, and add() clears `closed`. The new fs.watch then keeps the process alive for good
 * (seen in tests that delete the tree while the watcher closes). add() is disarmed first.
 */
async function closeForGood(watcher: FSWatcher): Promise<void> {
  watcher.add = () => watcher;
  await watcher.close();
}

/**
 * Resolves once chokidar has walked the tree. Errors are reported as they come (an unreadable
 * subdirectory must not stop the watch), except a full inotify table before ready: then part of
 * the tree would be silently unwatched, so start-up fails.
 */
function whenReady(watcher: FSWatcher, root: string, onError: (err: WatchError) => void): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let ready = false;
    watcher.on('error', (raw) => {
      const err = watchErrorFrom(raw, root);
      if (!ready && err.code === 'watchLimit') reject(err);
      else onError(err);
    });
    watcher.once('ready', () => {
      ready = true;
      resolveReady();
    });
  });
}
