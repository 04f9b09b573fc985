// Resources referenced by tasks of online workflows (ProcessDefinitionMapper.listResources in
// 3.0/3.1): tasks hold resource ids, so a mark follows the resource through renames. Marks and
// releases are given as full names and bound to the id of the resource holding that name when the
// emulator next handles a request.
import type { ResourceTable } from '../../resource-table.js';

export class WorkflowReferences {
  private readonly pendingMarks = new Set<string>();
  private readonly pendingReleases = new Set<string>();
  private readonly ids = new Set<number>();

  mark(fullName: string): void {
    this.pendingReleases.delete(fullName);
    this.pendingMarks.add(fullName);
  }

  /** The workflow went offline (or dropped the task): the resource can be deleted again. */
  release(fullName: string): void {
    this.pendingMarks.delete(fullName);
    this.pendingReleases.add(fullName);
  }

  /** The ids in use, with pending marks and releases applied first. */
  async resolve(table: ResourceTable): Promise<ReadonlySet<number>> {
    for (const fullName of this.pendingMarks) {
      const row = await table.byFullName(fullName, 0);
      if (row === undefined) continue;
      this.ids.add(row.id);
      this.pendingMarks.delete(fullName);
    }
    for (const fullName of this.pendingReleases) {
      const row = await table.byFullName(fullName, 0);
      if (row !== undefined) this.ids.delete(row.id);
      this.pendingReleases.delete(fullName);
    }
    return this.ids;
  }
}
