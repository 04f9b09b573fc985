// The Resource Center emulator: a local HTTP server that answers like a DolphinScheduler API server
// of one generation, with files on disk and the resource table in memory. Tests use it as their
// server; users start it (dolps-emulator) to try dolps-sync and test their pipelines.
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authenticator } from './auth.js';
import { DEFAULT_BODY_LIMITS, type BodyLimits } from './body.js';
import { CONTEXT_PATH, createDispatcher } from './dispatcher.js';
import { FaultRules, type FaultRule } from './faults.js';
import { GENERATIONS, isGenerationName, type GenerationName } from './generations/index.js';
import type { EmulatorQuirks, SnapshotEntry, UdfFunctionSeed, UdfFunctionView } from './generations/generation.js';
import { ListeningServer } from './http-server.js';
import { MAX_FILE_SIZE } from './generations/v31/rules.js';
import { MemoryResourceTable } from './memory-resource-table.js';
import type { MetadataDbSettings } from './metadata-db.js';
import { RequestLog, type RequestLogEntry } from './request-log.js';
import { SqlResourceTable } from './sql-resource-table.js';
import { ResourceStorage } from './storage.js';
import { removeAtExit } from './temp-dirs.js';
import { UdfFunctionTable } from './udf-function-table.js';
import { DEFAULT_USERS, UserDirectory, type UserSpec } from './users.js';
import { openWorkflowStore } from './workflows/open.js';
import { workflowRoutes } from './workflows/routes.js';
import type { WorkflowSpec } from './workflows/spec.js';

export type { FaultRule } from './faults.js';
export type { RequestLogEntry } from './request-log.js';
export type { MetadataDbSettings } from './metadata-db.js';
export type { WorkflowSpec } from './workflows/spec.js';
export { WorkflowSpecError } from './workflows/spec.js';
export type { EmulatorQuirks, SnapshotEntry, UdfFunctionSeed, UdfFunctionView } from './generations/generation.js';
export { GENERATION_NAMES, type GenerationName } from './generations/index.js';

export const DEFAULT_TOKEN = 'dolps-emulator-token';

export interface EmulatorLimits extends BodyLimits {
  /** Constants.MAX_FILE_SIZE of the services (20007 above it). */
  maxFileSize: number;
}

export const DEFAULT_LIMITS: EmulatorLimits = { ...DEFAULT_BODY_LIMITS, maxFileSize: MAX_FILE_SIZE };

export interface EmulatorOptions {
  generation: GenerationName;
  /** 0 or absent: a free port, kept across restart(). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Accepted access tokens (header `token`), all belonging to the first user. Default [DEFAULT_TOKEN]. */
  tokens?: string[];
  /** Where resources are stored; default a fresh temporary directory, removed when the process exits. */
  storageDir?: string;
  /** Default: admin / dolphinscheduler123, tenant "default", administrator. */
  users?: UserSpec[];
  /** The size limits, lowered only by tests that cannot send a gigabyte. */
  limits?: Partial<EmulatorLimits>;
  /**
   * 3.0/3.1 only: keep t_ds_resources in this PostgreSQL schema or MySQL/MariaDB database (created with
   * DolphinScheduler's DDL when absent) instead of in memory, so its rows are there for the metadata index.
   */
  metadataDb?: MetadataDbSettings;
  /**
   * 3.2/3.3 only: the storage base URI the server names resources with (default: the generation's,
   * file:/dolphinscheduler on 3.2, file:/tmp/dolphinscheduler on 3.3), e.g. "hdfs://nn:8020/ds".
   */
  storageBaseUri?: string;
  /** Behaviours of older patch releases: { legacyCurrentDir: true } plays 3.2.0/3.2.1 on '3.2'. */
  quirks?: EmulatorQuirks;
  /** Projects, workflows and tasks to start with (see seedWorkflows). */
  workflows?: WorkflowSpec;
  /**
   * Where to keep the workflow tables (t_ds_project, the definitions, t_ds_task_definition, the relations)
   * in DolphinScheduler's names; default: metadataDb (3.0/3.1). The only database option of 3.2/3.3.
   */
  workflowDb?: MetadataDbSettings;
  /** The id of a UDF function by name, for seeded SQL tasks' `udfs` (default: names stay unresolved). */
  udfIdOf?: (funcName: string) => Promise<number | undefined>;
}

export interface Emulator {
  /** e.g. http://127.0.0.1:PORT/dolphinscheduler */
  url: string;
  port: number;
  generation: string;
  /** The first token. */
  token: string;
  /** Every request seen, oldest first (the same array across clearRequests()). */
  readonly requests: RequestLogEntry[];
  clearRequests(): void;
  /** Logged requests that changed or tried to change state: POST/PUT/DELETE except /login. */
  writeCount(): number;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /**
   * Adds projects, workflows and tasks (format: workflows/spec.ts, README "Emulator"); throws a
   * WorkflowSpecError naming the place of a mistake. On 3.0/3.1 a resource used by a task of an ONLINE
   * workflow (or its parent directory) answers 20014 on delete; 3.2 and 3.3 have no such check.
   */
  seedWorkflows(spec: WorkflowSpec): Promise<void>;
  /** Releases a seeded workflow ONLINE (true) or takes it OFFLINE (false). */
  setWorkflowOnline(project: string, workflow: string, online: boolean): Promise<void>;
  /**
   * Every file and directory, keyed by its 3.1 full name, e.g. "/gitlab/a.sh"; on 3.2/3.3 by "/" and
   * the path below the first user's tenant resource root, with id 0 and description "".
   */
  snapshot(): Promise<Map<string, SnapshotEntry>>;
  /** Every row of t_ds_udfs by id, with its bound resource's id and name; [] on 3.3 (no UDF management). */
  udfFunctions(): UdfFunctionView[];
  /** Inserts a UDF function as if made by hand in the UI (3.0–3.2; throws on 3.3 and on a duplicate name). */
  seedUdfFunction(spec: UdfFunctionSeed): Promise<UdfFunctionView>;
  /** The UDF resource tree, keyed like snapshot(): 3.0/3.1 full names, 3.2 the path below <tenant>/udfs; empty on 3.3. */
  udfSnapshot(): Promise<Map<string, SnapshotEntry>>;
  /** Stops listening; the state stays, and restart() serves it again. */
  stop(): Promise<void>;
  /** Listens again on the same port with the same state (stopping first if needed). */
  restart(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  if (!isGenerationName(options.generation)) throw new Error(`emulator: API generation ${String(options.generation)} is not emulated`);
  const tokens = options.tokens ?? [DEFAULT_TOKEN];
  if (tokens.length === 0) throw new Error('emulator: at least one token is needed');
  const workDir = await mkdtemp(join(tmpdir(), 'dolps-emulator-'));
  removeAtExit(workDir);
  const storageDir = options.storageDir ?? join(workDir, 'storage');
  const uploadRoot = join(workDir, 'uploads');
  await mkdir(storageDir, { recursive: true });
  await mkdir(uploadRoot, { recursive: true });

  const users = new UserDirectory(options.users ?? DEFAULT_USERS, new Date());
  const auth = new Authenticator(users, new Set(tokens));
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const storage = new ResourceStorage(storageDir);
  if (options.metadataDb !== undefined && options.generation !== '3.0' && options.generation !== '3.1') {
    throw new Error(`emulator: a metadata database holds t_ds_resources of 3.0/3.1 only, not of ${options.generation}`);
  }
  const sqlTable = options.metadataDb === undefined ? undefined : await SqlResourceTable.open(options.metadataDb);
  const table = sqlTable ?? new MemoryResourceTable();
  const udfFunctions = new UdfFunctionTable();
  // A seeded SQL task names its UDF functions; they resolve to this emulator's own t_ds_udfs unless a test says otherwise.
  const udfIdOf = options.udfIdOf ?? (async (name: string) => udfFunctions.byName(name)?.id);
  const workflows = await openWorkflowStore({ ...options, udfIdOf }, users, table).catch(async (error: unknown) => {
    await sqlTable?.disconnect();
    throw error;
  });
  const deps = { users, auth, storage, table, maxFileSize: limits.maxFileSize,
    storageBaseUri: options.storageBaseUri, quirks: options.quirks ?? {}, udfFunctions, resourceUsage: workflows };
  const generation = GENERATIONS[options.generation](deps);
  const log = new RequestLog();
  const faults = new FaultRules();
  const handler = createDispatcher({
    routes: [...generation.routes, ...workflowRoutes(workflows)], auth, faults, log, uploadRoot,
    limits,
    onInternalError: (error) => console.error('dolps-emulator: internal error:', error),
  });
  const host = options.host ?? '127.0.0.1';
  const server = new ListeningServer(handler, host, options.port ?? 0);
  await server.start().catch(async (error: unknown) => {
    await sqlTable?.disconnect();
    await workflows.close();
    throw error;
  });
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${server.port}${CONTEXT_PATH}`,
    port: server.port,
    generation: generation.name,
    token: tokens[0] as string,
    get requests() { return log.entries; },
    clearRequests: () => log.clear(),
    writeCount: () => log.writeCount(),
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    seedWorkflows: (spec) => workflows.seed(spec, new Date()),
    setWorkflowOnline: (project, workflow, online) => workflows.setOnline(project, workflow, online),
    snapshot: () => generation.snapshot(),
    udfFunctions: () => generation.udf?.functions() ?? [],
    seedUdfFunction: async (spec) => {
      if (generation.udf === undefined) throw new Error(`emulator: API ${generation.name} has no UDF management (removed in 3.3.0)`);
      return generation.udf.seed(spec);
    },
    udfSnapshot: async () => (generation.udf === undefined ? new Map() : generation.udf.snapshot()),
    stop: async () => {
      await server.stop();
      await sqlTable?.disconnect();
      await workflows.close();
    },
    restart: async () => {
      await server.stop();
      await sqlTable?.reconnect();
      await server.start();
    },
  };
}
