// t_ds_resources in memory: ids from a sequence, rows copied in and out so callers never share them.
import {
  overlongColumn, ResourceTableError, type NewResourceRow, type ResourceRow, type ResourceTable, type ResourceTypeCode,
} from './resource-table.js';

export class MemoryResourceTable implements ResourceTable {
  private readonly rows = new Map<number, ResourceRow>();
  // Indexes, as the real table has (the unique key on full_name and type; pid): with 40,000 rows a scan per
  // request made the bench's 20,000-file syncs measure the emulator, later runs more than earlier ones.
  private readonly idByKey = new Map<string, number>();
  private readonly idsByPid = new Map<number, Set<number>>();
  private nextId = 1;

  async insert(row: NewResourceRow): Promise<ResourceRow> {
    this.check(row, undefined);
    const stored = copy({ ...row, id: this.nextId++ });
    this.store(stored);
    return copy(stored);
  }

  async update(row: ResourceRow): Promise<void> {
    if (!this.rows.has(row.id)) throw new ResourceTableError('notFound', `no resource with id ${row.id}`);
    this.check(row, row.id);
    this.unindex(row.id);
    this.store(copy(row));
  }

  async delete(id: number): Promise<void> {
    this.unindex(id);
    this.rows.delete(id);
  }

  private store(row: ResourceRow): void {
    this.rows.set(row.id, row);
    this.idByKey.set(keyOf(row), row.id);
    const siblings = this.idsByPid.get(row.pid) ?? new Set<number>();
    siblings.add(row.id);
    this.idsByPid.set(row.pid, siblings);
  }

  private unindex(id: number): void {
    const row = this.rows.get(id);
    if (row === undefined) return;
    if (this.idByKey.get(keyOf(row)) === id) this.idByKey.delete(keyOf(row));
    this.idsByPid.get(row.pid)?.delete(id);
  }

  async byId(id: number): Promise<ResourceRow | undefined> {
    const row = this.rows.get(id);
    return row === undefined ? undefined : copy(row);
  }

  async byFullName(fullName: string, type: ResourceTypeCode): Promise<ResourceRow | undefined> {
    const id = this.idByKey.get(keyOf({ fullName, type }));
    const row = id === undefined ? undefined : this.rows.get(id);
    return row === undefined ? undefined : copy(row);
  }

  async childrenOf(pid: number): Promise<ResourceRow[]> {
    const rows = [...this.idsByPid.get(pid) ?? []].flatMap((id) => this.rows.get(id) ?? []);
    return rows.sort((a, b) => a.id - b.id).map(copy);
  }

  async all(): Promise<ResourceRow[]> {
    return [...this.rows.values()].sort((a, b) => a.id - b.id).map(copy);
  }

  private check(row: NewResourceRow, ownId: number | undefined): void {
    const column = overlongColumn(row);
    if (column !== undefined) {
      throw new ResourceTableError('valueTooLong', `value too long for column ${column} of t_ds_resources`);
    }
    const other = this.idByKey.get(keyOf(row));
    if (other !== undefined && other !== ownId) {
      throw new ResourceTableError('duplicateKey', `duplicate key (full_name, type) = (${row.fullName}, ${row.type})`);
    }
  }
}

function keyOf(row: { fullName: string; type: ResourceTypeCode }): string {
  return `${row.type} ${row.fullName}`;
}

function copy(row: ResourceRow): ResourceRow {
  return { ...row, createTime: new Date(row.createTime), updateTime: new Date(row.updateTime) };
}
