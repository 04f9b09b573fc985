// The emulator's workflows in one place: the catalog, how its references find their ids (3.0/3.1),
// the copy in the metadata database when there is one, and the in-use view that 3.0/3.1's delete
// consults (ResourcesServiceImpl.delete: 20014 when an online workflow uses the resource).
import type { ResourceTable } from '../resource-table.js';
import type { UserDirectory } from '../users.js';
import { WorkflowCatalog } from './catalog.js';
import type { WorkflowDialect } from './dialect.js';
import type { JsonContext } from './entity-json.js';
import type { WorkflowTables } from './sql-tables.js';
import { ResourceRoots } from './task-params.js';

/** What 3.0/3.1's delete asks: the ids used by online workflows, bound first. */
export interface ResourceUsage {
  resolve(table: ResourceTable): Promise<ReadonlySet<number>>;
}

export interface WorkflowStoreDeps {
  users: UserDirectory;
  dialect: WorkflowDialect;
  /** 3.0/3.1: the resource table paths are looked up in. */
  table?: ResourceTable;
  /** 3.2+: the storage base URI resource paths are written under. */
  storageBaseUri?: string;
  /** The id of a UDF function by name; absent: only ids given in the seed are known. */
  udfIdOf?: (funcName: string) => Promise<number | undefined>;
  /** Where the tables are mirrored, if anywhere. */
  tables?: WorkflowTables;
}

export class WorkflowStore implements ResourceUsage {
  readonly catalog: WorkflowCatalog;
  readonly jsonContext: JsonContext;
  private readonly roots: ResourceRoots;
  /** The database copy is behind the catalog; at start, rows of an earlier run are replaced by this one's. */
  private dirty: boolean;

  constructor(private readonly deps: WorkflowStoreDeps) {
    this.dirty = deps.tables !== undefined;
    this.catalog = new WorkflowCatalog(deps.users, deps.dialect);
    this.roots = new ResourceRoots(deps.users, deps.storageBaseUri ?? null);
    this.jsonContext = { dialect: deps.dialect, users: deps.users, roots: this.roots };
  }

  async seed(spec: unknown, now: Date): Promise<void> {
    this.catalog.seed(spec, now);
    this.dirty = true;
    await this.refresh();
  }

  async setOnline(project: string, workflow: string, online: boolean): Promise<void> {
    this.catalog.setOnline(project, workflow, online);
    this.dirty = true;
    await this.refresh();
  }

  /** Binds what can be bound and brings the database copy up to date. */
  async refresh(): Promise<void> {
    const { table, udfIdOf } = this.deps;
    // Resources are named by id on 3.0/3.1 only; UDF functions by id up to 3.2 (SqlParameters.udfs).
    const resourcesById = this.deps.dialect.references === 'id' && table !== undefined;
    if (resourcesById || this.deps.dialect.udfs) {
      const bound = await this.catalog.bind({
        resourceId: async (path) => (resourcesById ? (await table.byFullName(path, 0))?.id : undefined),
        udfId: async (name) => (udfIdOf === undefined ? undefined : udfIdOf(name)),
      });
      this.dirty ||= bound;
    }
    if (!this.dirty) return;
    await this.deps.tables?.write(this.catalog, this.roots);
    this.dirty = false;
  }

  async resolve(): Promise<ReadonlySet<number>> {
    await this.refresh();
    return this.catalog.onlineResourceIds();
  }

  async close(): Promise<void> {
    await this.deps.tables?.close();
  }
}
