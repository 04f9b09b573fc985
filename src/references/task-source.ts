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
