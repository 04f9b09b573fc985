// What a Resource Center API generation contributes to the emulator: its routes, its view of the
// stored resources; 3.0/3.1 also ask the seeded workflows what is in use (workflows/store.ts).
import type { Authenticator } from '../auth.js';
import type { ResourceTable } from '../resource-table.js';
import type { Route } from '../router.js';
import type { ResourceStorage } from '../storage.js';
import type { UdfFunctionRow, UdfFunctionTable, UdfType } from '../udf-function-table.js';
import type { UserDirectory } from '../users.js';
import type { ResourceUsage } from '../workflows/store.js';

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
  /**
   * 3.2/3.3: `<resource.hdfs.fs.defaultFS><resource.storage.upload.base.path>` as the server prints it,
   * e.g. "file:/dolphinscheduler"; absent means the generation's default. 3.0/3.1 refuse it.
   */
  storageBaseUri?: string;
  /** Behaviours of older patch releases, switched on one by one. */
  quirks: EmulatorQuirks;
  /** t_ds_udfs (3.0–3.2; 3.3 never reads it). */
  udfFunctions: UdfFunctionTable;
  /** 3.0/3.1: the resources online workflows use (20014 on delete); none when absent. */
  resourceUsage?: ResourceUsage;
}

export interface EmulatorQuirks {
  /**
   * 3.2.0/3.2.1: no checkFullName, so a `currentDir` that does not contain the tenant's resource
   * root silently creates at that root instead of answering 20020 (issue #16502). 3.2 only.
   */
  legacyCurrentDir?: boolean;
}

export interface EmulatedGeneration {
  readonly name: string;
  readonly routes: readonly Route[];
  /**
   * Every file and directory, keyed by its 3.1 full name ("/dir/a.sh"); on 3.2/3.3 by "/" and the
   * path below the first user's tenant resource root, which is the same key for the same file.
   */
  snapshot(): Promise<Map<string, SnapshotEntry>>;
  /** UDF management (3.0–3.2); absent on 3.3, which removed it. */
  readonly udf?: EmulatedUdf;
}

/** A row of t_ds_udfs as tests read it: every column, the bound resource by id and by name. */
export type UdfFunctionView = UdfFunctionRow;

/** A function made "by hand" in the UI (or by another tool), bypassing the API's checks. */
export interface UdfFunctionSeed {
  funcName: string;
  className: string;
  /** The jar as udfSnapshot() keys it, e.g. "/udf/a.jar"; on 3.0/3.1 it must exist. */
  jar: string;
  type?: UdfType;
  argTypes?: string | null;
  database?: string | null;
  description?: string | null;
  /** The owner; default the first user. */
  userName?: string;
}

export interface EmulatedUdf {
  functions(): UdfFunctionView[];
  seed(spec: UdfFunctionSeed): Promise<UdfFunctionView>;
  /** The UDF resource tree, keyed and shaped as snapshot() keys the file tree. */
  snapshot(): Promise<Map<string, SnapshotEntry>>;
}

export type GenerationFactory = (deps: GenerationDeps) => EmulatedGeneration;
