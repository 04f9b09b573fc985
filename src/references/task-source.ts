// Where a reference scan reads the task definitions from: the REST API or the metadata database.
import type { TaskRecord } from '../core/reference.js';

/** Every task of every workflow the caller can see, or why they could not all be read. */
export type TaskScan =
  | { complete: true; tasks: TaskRecord[]; projects: number }
  | { complete: false; reason: string; projectsRead: number; projects: number | undefined };

export interface TaskSource {
  /** "API: 3 projects, 4 requests" style label for the notes. */
  readonly name: string;
  scan(): Promise<TaskScan>;
}

/** Scans and says how long it took, for the note (the cost a user pays for the guard). */
export async function timedScan(source: TaskSource): Promise<{ scan: TaskScan; seconds: string }> {
  const started = performance.now();
  const scan = await source.scan();
  return { scan, seconds: ((performance.now() - started) / 1000).toFixed(2) };
}
