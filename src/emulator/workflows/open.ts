// Builds the emulator's WorkflowStore from its options: the generation's dialect, where paths resolve
// (the resource table on 3.0/3.1, the storage base URI from 3.2), the database copy, the first seed.
import type { MetadataDbSettings } from '../metadata-db.js';
import type { ResourceTable } from '../resource-table.js';
import { V32_STORAGE_BASE_URI } from '../generations/v32.js';
import { V33_STORAGE_BASE_URI } from '../generations/v33.js';
import type { UserDirectory } from '../users.js';
import { WORKFLOW_DIALECTS, type WorkflowDialect } from './dialect.js';
import type { WorkflowSpec } from './spec.js';
import { WorkflowTables } from './sql-tables.js';
import { WorkflowStore } from './store.js';

export interface WorkflowStoreOptions {
  generation: WorkflowDialect['generation'];
  storageBaseUri?: string;
  metadataDb?: MetadataDbSettings;
  workflowDb?: MetadataDbSettings;
  workflows?: WorkflowSpec;
  udfIdOf?: (funcName: string) => Promise<number | undefined>;
}

export async function openWorkflowStore(options: WorkflowStoreOptions, users: UserDirectory, table: ResourceTable): Promise<WorkflowStore> {
  const dialect = WORKFLOW_DIALECTS[options.generation];
  const db = options.workflowDb ?? options.metadataDb;
  const tables = db === undefined ? undefined : await WorkflowTables.open(db, dialect);
  const defaultBase = options.generation === '3.2' ? V32_STORAGE_BASE_URI : V33_STORAGE_BASE_URI;
  const store = new WorkflowStore({
    users, dialect, ...(tables === undefined ? {} : { tables }),
    ...(dialect.references === 'id' ? { table } : { storageBaseUri: options.storageBaseUri ?? defaultBase }),
    ...(options.udfIdOf === undefined ? {} : { udfIdOf: options.udfIdOf }),
  });
  try {
    if (options.workflows !== undefined) await store.seed(options.workflows, new Date());
    else await store.refresh();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
