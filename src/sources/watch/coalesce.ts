// Pure: raw watcher events in, batches of net effects out. No timers here: the adapter feeds events
// with "now", asks when to wake up, and takes what is ready. That keeps every rule testable with
// plain numbers.
//
// Rules:
// - Per path, only the net effect counts: existed before the first event vs exists after the last.
//   So an editor's atomic save (x renamed away or unlinked, x re-added) is one modification, a
//   delete followed by a re-create is a modification, a create followed by a delete is nothing.
// - A path is ready after `debounceMs` without events for it. A batch is cut when every pending path
//   is ready, so a burst (a checkout, a copied folder) arrives as one batch. A path that never stops
//   changing (a log being written) holds the others back at most `maxWaitMs` after they are ready.
// - Editor temp files never enter (see editor-temp.ts).
// - Deleting a directory deletes what is pending under it; files that had no events of their own
//   are expanded from the known state by resolve-batch.ts.
import { comparePaths } from '../tree/change-paths.js';
import { isEditorTempFile } from './editor-temp.js';

export type WatchEventType = 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir';

export interface WatchEvent {
  type: WatchEventType;
  /** Relative to the watched root, '/'-separated. */
  path: string;
}

export type FileEffect = 'added' | 'modified' | 'deleted';

export interface ReadyBatch {
  files: { path: string; effect: FileEffect }[];
  dirsAdded: string[];
  dirsDeleted: string[];
}

export interface CoalescerOptions {
  /** Quiet time per path before it is ready. Default 300 ms. */
  debounceMs?: number;
  /** How long ready paths wait for busy ones before a batch is cut anyway. Default 10 × debounce. */
  maxWaitMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 300;

interface Pending {
  existedBefore: boolean;
  existsNow: boolean;
  lastAt: number;
}

export class Coalescer {
  readonly debounceMs: number;
  readonly maxWaitMs: number;
  private readonly files = new Map<string, Pending>();
  private readonly dirs = new Map<string, Pending>();

  constructor(options: CoalescerOptions = {}) {
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.maxWaitMs = options.maxWaitMs ?? 10 * this.debounceMs;
  }

  /** Number of paths waiting. */
  get size(): number {
    return this.files.size + this.dirs.size;
  }

  /** Whether the path waits in this coalescer, as a file or a directory. */
  isPending(path: string): boolean {
    return this.files.has(path) || this.dirs.has(path);
  }

  /** Records one event; false when it was dropped (an editor temp file). */
  record(event: WatchEvent, now: number): boolean {
    const isDir = event.type === 'addDir' || event.type === 'unlinkDir';
    if (!isDir && isEditorTempFile(event.path)) return false;
    const existsNow = event.type !== 'unlink' && event.type !== 'unlinkDir';
    note(isDir ? this.dirs : this.files, event.path, event.type !== 'add' && event.type !== 'addDir', existsNow, now);
    if (event.type === 'unlinkDir') this.deleteBelow(event.path, now);
    return true;
  }

  /**
   * Puts a taken file back with its net effect, as if its last event happened `now`: the adapter
   * does this when the file was still being written (size or mtime moved since the last event).
   */
  postpone(path: string, effect: FileEffect, now: number): void {
    note(this.files, path, effect !== 'added', effect !== 'deleted', now);
  }

  /** When `take` may next return a batch; undefined when nothing is pending (no timer needed). */
  nextWakeAt(): number | undefined {
    if (this.size === 0) return undefined;
    let first = Infinity;
    let last = -Infinity;
    for (const pending of this.allPending()) {
      first = Math.min(first, pending.lastAt);
      last = Math.max(last, pending.lastAt);
    }
    return Math.min(last + this.debounceMs, first + this.debounceMs + this.maxWaitMs);
  }

  /** The ready paths as one batch, or undefined while the batch is still forming. */
  take(now: number): ReadyBatch | undefined {
    const wake = this.nextWakeAt();
    if (wake === undefined || now < wake) return undefined;
    const batch: ReadyBatch = { files: [], dirsAdded: [], dirsDeleted: [] };
    for (const [path, pending] of this.takeReady(this.files, now)) {
      const effect = netEffect(pending);
      if (effect) batch.files.push({ path, effect });
    }
    for (const [path, pending] of this.takeReady(this.dirs, now)) {
      const effect = netEffect(pending);
      if (effect === 'added') batch.dirsAdded.push(path);
      if (effect === 'deleted') batch.dirsDeleted.push(path);
    }
    return batch;
  }

  private takeReady(map: Map<string, Pending>, now: number): [string, Pending][] {
    const ready = [...map].filter(([, pending]) => pending.lastAt + this.debounceMs <= now);
    for (const [path] of ready) map.delete(path);
    return ready.sort(([a], [b]) => comparePaths(a, b));
  }

  private deleteBelow(dir: string, now: number): void {
    const prefix = `${dir}/`;
    for (const map of [this.files, this.dirs]) {
      for (const [path, pending] of map) {
        if (path.startsWith(prefix)) Object.assign(pending, { existsNow: false, lastAt: now });
      }
    }
  }

  private *allPending(): Iterable<Pending> {
    yield* this.files.values();
    yield* this.dirs.values();
  }
}

function note(map: Map<string, Pending>, path: string, existedBefore: boolean, existsNow: boolean, now: number): void {
  const pending = map.get(path);
  if (pending) Object.assign(pending, { existsNow, lastAt: now });
  else map.set(path, { existedBefore, existsNow, lastAt: now });
}

function netEffect(pending: Pending): FileEffect | undefined {
  if (pending.existedBefore) return pending.existsNow ? 'modified' : 'deleted';
  return pending.existsNow ? 'added' : undefined;
}
