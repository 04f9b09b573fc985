// The service methods of 3.0/3.1 are @Transactional: when one fails half-way (a row inserted, then
// the storage write fails), the database rolls the rows back. The emulator gets the same effect on
// top of the narrow ResourceTable interface by undoing its inserts and updates in reverse order.
import type { NewResourceRow, ResourceRow, ResourceTable } from './resource-table.js';

export async function inTransaction<T>(table: ResourceTable, work: (tx: ResourceTable) => Promise<T>): Promise<T> {
  const tx = new UndoingTable(table);
  try {
    return await work(tx);
  } catch (error) {
    await tx.rollback();
    throw error;
  }
}

class UndoingTable implements ResourceTable {
  private readonly undo: (() => Promise<void>)[] = [];

  constructor(private readonly table: ResourceTable) {}

  async insert(row: NewResourceRow): Promise<ResourceRow> {
    const inserted = await this.table.insert(row);
    this.undo.push(() => this.table.delete(inserted.id));
    return inserted;
  }

  async update(row: ResourceRow): Promise<void> {
    const before = await this.table.byId(row.id);
    await this.table.update(row);
    if (before !== undefined) this.undo.push(() => this.table.update(before));
  }

  /** A deleted row cannot be put back with its id through this interface: delete after everything that can fail. */
  async delete(id: number): Promise<void> {
    await this.table.delete(id);
  }

  byId(id: number) { return this.table.byId(id); }
  byFullName(...args: Parameters<ResourceTable['byFullName']>) { return this.table.byFullName(...args); }
  childrenOf(pid: number) { return this.table.childrenOf(pid); }
  all() { return this.table.all(); }

  async rollback(): Promise<void> {
    for (const step of this.undo.reverse()) await step();
  }
}
