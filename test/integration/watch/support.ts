// Shared by the watcher integration tests: a temp directory and a recorder of batches.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change } from '../../../src/core/change.js';
import type { BatchDirs } from '../../../src/sources/watch/resolve-batch.js';

export async function makeTempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dolps-watch-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export const sha256 = (content: string | Buffer): string => createHash('sha256').update(content).digest('hex');
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface RecordedBatch {
  changes: Change[];
  dirs: BatchDirs;
}

/** Collects batches; checks that onBatch never runs twice at once. */
export class BatchRecorder {
  readonly batches: RecordedBatch[] = [];
  readonly errors: Error[] = [];
  maxConcurrent = 0;
  /** Extra time each onBatch takes, to test that events arriving meanwhile are kept. */
  batchDelayMs = 0;
  private running = 0;
  private wake: (() => void)[] = [];

  readonly onBatch = async (changes: Change[], dirs: BatchDirs): Promise<void> => {
    this.running++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.running);
    try {
      if (this.batchDelayMs > 0) await sleep(this.batchDelayMs);
      this.batches.push({ changes, dirs });
    } finally {
      this.running--;
      for (const wake of this.wake.splice(0)) wake();
    }
  };

  readonly onError = (err: Error): void => {
    this.errors.push(err);
    for (const wake of this.wake.splice(0)) wake();
  };

  get changes(): Change[] {
    return this.batches.flatMap((batch) => batch.changes);
  }

  /** Waits (event-driven, no polling) until `done` holds; fails with what was seen after `timeoutMs`. */
  async until(done: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; batches so far: ${JSON.stringify(this.batches)} errors: ${this.errors.map((e) => e.message).join('; ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until at least `count` batches arrived. */
  untilBatches(count: number, timeoutMs?: number): Promise<void> {
    return this.until(() => this.batches.length >= count, timeoutMs);
  }
}

/** Every path a change mentions, to prove something was never reported. */
export function pathsOf(changes: Change[]): string[] {
  return changes.flatMap((c) => (c.kind === 'renamed' ? [c.from, c.file.path] : 'path' in c ? [c.path] : [c.file.path]));
}
