// t_ds_resources in memory: ids from a sequence, rows copied in and out so callers never share them.
import {
  overlongColumn, ResourceTableError, type NewResourceRow, type ResourceRow, type ResourceTable, type ResourceTypeCode,
} from './resource-table.js';

export class MemoryResourceTable implements ResourceTable {
  private readonly rows = new Map<number, ResourceRow>();
  private nextId = 1;

  async insert(row: NewResourceRow): Promise<ResourceRow> {
    this.check(row, undefined);
    const stored = copy({ ...row, id: this.nextId++ });
    this.rows.set(stored.id, stored);
    return copy(stored);
  }

  async update(row: ResourceRow): Promise<void> {
    if (!this.rows.has(row.id)) throw new ResourceTableError('notFound', `no resource with id ${row.id}`);
    this.check(row, row.id);
    this.rows.set(row.id, copy(row));
  }

  async delete(id: number): Promise<void> {
    this.rows.delete(id);
  }

  async byId(id: number): Promise<ResourceRow | undefined> {
    const row = this.rows.get(id);
    return row === undefined ? undefined : copy(row);
  }

  async byFullName(fullName: string, type: ResourceTypeCode): Promise<ResourceRow | undefined> {
    const row = [...this.rows.values()].find((r) => r.fullName === fullName && r.type === type);
    return row === undefined ? undefined : copy(row);
  }

  async childrenOf(pid: number): Promise<ResourceRow[]> {
    return (await this.all()).filter((r) => r.pid === pid);
  }

  async all(): Promise<ResourceRow[]> {
    return [...this.rows.values()].sort((a, b) => a.id - b.id).map(copy);
  }

  private check(row: NewResourceRow, ownId: number | undefined): void {
    const column = overlongColumn(row);
    if (column !== undefined) {
      throw new ResourceTableError('valueTooLong', `value too long for column ${column} of t_ds_resources`);
    }
    for (const other of this.rows.values()) {
      if (other.id !== ownId && other.fullName === row.fullName && other.type === row.type) {
        throw new ResourceTableError('duplicateKey', `duplicate key (full_name, type) = (${row.fullName}, ${row.type})`);
      }
    }
  }
}

function copy(row: ResourceRow): ResourceRow {
  return { ...row, createTime: new Date(row.createTime), updateTime: new Date(row.updateTime) };
}
