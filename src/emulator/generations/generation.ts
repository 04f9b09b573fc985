// What a Resource Center API generation contributes to the emulator: its routes, its view of the
// stored resources, and how it models "used by an online workflow".
import type { Authenticator } from '../auth.js';
import type { ResourceTable } from '../resource-table.js';
import type { Route } from '../router.js';
import type { ResourceStorage } from '../storage.js';
import type { UserDirectory } from '../users.js';

export interface SnapshotEntry {
  kind: 'file' | 'dir';
  id: number;
  /** The stored bytes of a file; absent for directories and for files missing from storage. */
  content?: Buffer;
  description: string;
}

export interface GenerationDeps {
  users: UserDirectory;
  auth: Authenticator;
  storage: ResourceStorage;
  table: ResourceTable;
  /** Largest file the services accept (Constants.MAX_FILE_SIZE, 1 GiB; lowered only by tests). */
  maxFileSize: number;
}

export interface EmulatedGeneration {
  readonly name: string;
  readonly routes: readonly Route[];
  /** Marks the resource at this 3.1 full name as referenced by an online workflow. */
  markInUse(fullName: string): void;
  /** Undoes markInUse for the resource at this full name. */
  releaseInUse(fullName: string): void;
  /** Every file resource, keyed by its 3.1 full name ("/dir/a.sh"). */
  snapshot(): Promise<Map<string, SnapshotEntry>>;
}

export type GenerationFactory = (deps: GenerationDeps) => EmulatedGeneration;
