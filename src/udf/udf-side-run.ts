// The UDF part of a run as the pipeline's SideRun: planned after the file plan, applied after it,
// its outcome kept for the report and its managed functions for the marker.
import type { SideRun } from '../app/pipeline/hooks.js';
import type { ManagedFunction } from '../core/udf-function.js';
import type { UdfFolder } from './udf-folder.js';
import { applyUdf, dryRunUdf, planUdf, type UdfOutcome, type UdfRunDeps } from './udf-run.js';

export class UdfSideRun implements SideRun {
  private planned: Awaited<ReturnType<typeof planUdf>> | undefined;
  outcome: UdfOutcome | undefined;

  constructor(private readonly folder: UdfFolder, private readonly deps: UdfRunDeps) {}

  async plan(): Promise<void> {
    this.planned = await planUdf(this.folder, this.deps);
  }

  async apply(dryRun: boolean): Promise<boolean> {
    if (this.planned === undefined) throw new Error('internal: the UDF run applied before it planned');
    this.outcome = dryRun ? dryRunUdf(this.planned, this.deps) : await applyUdf(this.planned, this.deps);
    return this.outcome.ok;
  }

  /** What the marker records: the managed functions once this run applied. */
  managedFunctions(): ManagedFunction[] {
    return this.outcome?.managed ?? [...this.deps.managed];
  }

  /** What the marker records: the managed jars once this run applied, relative to the UDF folder. */
  managedJars(): string[] {
    return this.outcome?.managedJars ?? [...this.deps.managedJars];
  }
}
