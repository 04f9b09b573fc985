// The plan is data: an ordered list of operations that the applier carries out without re-deciding.
import type { FileRef } from './change.js';
import type { AnsweredFacts } from './file-identity.js';
import type { ResourceUser } from './reference.js';

export type Operation =
  | { op: 'mkdir'; path: string }
  | { op: 'create'; path: string; file: FileRef }
  /** Re-upload in place: same resource, same id on 3.0/3.1. */
  | { op: 'update'; path: string; file: FileRef }
  /** Rename within one directory; `file` is set when the content changed too. */
  | { op: 'rename'; path: string; from: string; file?: FileRef; usedBy?: readonly ResourceUser[] }
  | { op: 'delete'; path: string; usedBy?: readonly ResourceUser[] }
  | { op: 'rmdir'; path: string }
  | { op: 'skip'; path: string; reason: string }
  /**
   * A delete or rename the reference guard stopped (src/core/reference-guard.ts): it fails with `reason`
   * (or, `unscanned`, is withheld because the users could not be read), and the file stays where it is.
   */
  | { op: 'refuse'; path: string; refused: 'delete' | 'rename'; from?: string; reason: string; usedBy: readonly ResourceUser[]; unscanned?: boolean };

export type OperationKind = Operation['op'];

export interface Plan {
  operations: Operation[];
  /** Things the user should know about the plan as a whole (e.g. renames change identity on 3.2+). */
  notes: string[];
}

export interface OperationResult {
  operation: Operation;
  ok: boolean;
  /** One line naming the path, the server's code and message. */
  error?: string;
  /** Withheld on purpose (e.g. no deletes after a failed write): not applied, retried next run. */
  notAttempted?: boolean;
  /** A file write whose answer told the file's size and update time (3.0/3.1): the marker needs no listing for it. */
  answered?: AnsweredFacts;
}

export interface Summary {
  created: number;
  updated: number;
  deleted: number;
  renamed: number;
  skipped: number;
  failed: number;
}
