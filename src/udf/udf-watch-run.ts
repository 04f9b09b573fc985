// The UDF part of each `watch` run (issue 13): the UDF folder read from the disk before anything is
// written (a bad functions.yaml stops the run there), then planned and applied as in `sync`
// (udf-side-run.ts). What it manages, functions and jars, is kept in the watch manifest, as sync
// keeps it in the marker. A run in which the folder did not change since the last one that applied
// sends no UDF request at all.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileRef } from '../core/change.js';
import type { OperationResult } from '../core/operation.js';
import { jarsUnder, recordedJars } from '../core/udf-jars.js';
import { openDirectorySource } from '../app/pipeline/directory-source.js';
import type { SideRun } from '../app/pipeline/hooks.js';
import type { ManagedUdf } from '../sources/watch/manifest.js';
import type { UdfReferenceReview } from '../references/udf-guard.js';
import type { FunctionResult } from './apply-functions.js';
import { FUNCTIONS_FILE } from './functions-file.js';
import { readUdfFolder } from './udf-folder.js';
import type { UdfRemote } from './udf-remote.js';
import { UdfSideRun } from './udf-side-run.js';

export interface UdfWatchOptions {
  /** The watched directory and the UDF folder relative to it ("udf"). */
  localDir: string;
  dir: string;
  remote: UdfRemote;
  concurrency: number;
  /** Where the managed functions and jars live between runs: the watch manifest. */
  state: { udf(): ManagedUdf | undefined; setUdf(next: ManagedUdf): void };
  onJar?: (result: OperationResult) => void;
  onFunction?: (result: FunctionResult) => void;
  /** The reference guard over function deletes and jar removals (issue 14), as in sync. */
  references?: UdfReferenceReview;
}

export class UdfWatchRun implements SideRun {
  private current: UdfSideRun | undefined;
  private pendingKey = '';
  /** The folder as it was when a run last fully applied; the same folder again needs no request. */
  private appliedKey: string | undefined;

  constructor(private readonly o: UdfWatchOptions) {}

  async prepare(): Promise<void> {
    const { o } = this;
    this.current = undefined;
    const root = join(o.localDir, ...o.dir.split('/'));
    // Rooted at the folder: the UDF run names jars relative to it and opens them by that path.
    const source = await openDirectorySource(root, { excludes: [], alwaysIgnored: [] });
    const inside = await source.tree().then((t) => t.files, (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return new Map<string, FileRef>();
      throw error;
    });
    const yaml = await readFile(join(root, FUNCTIONS_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    const files = new Map([...inside].map(([p, f]) => [`${o.dir}/${p}`, { ...f, path: `${o.dir}/${p}` }]));
    const folder = readUdfFolder(o.dir, files, yaml, o.remote.support);
    this.pendingKey = JSON.stringify([[...inside].map(([p, f]) => [p, f.id.hex]).sort(), yaml]);
    if (this.pendingKey === this.appliedKey) return;
    const recorded = o.state.udf();
    const remoteDir = o.remote.server?.remoteDir;
    this.current = new UdfSideRun(folder, {
      remote: o.remote, source, concurrency: o.concurrency, managed: recorded?.functions ?? [],
      managedJars: remoteDir === undefined ? [] : jarsUnder(recorded?.jars, remoteDir),
      onJar: o.onJar, onFunction: o.onFunction, references: o.references,
    });
  }

  async plan(): Promise<void> {
    await this.current?.plan();
  }

  async apply(dryRun: boolean): Promise<boolean> {
    const run = this.current;
    if (run === undefined) return true;
    const ok = await run.apply(dryRun);
    if (dryRun) return ok;
    const remoteDir = this.o.remote.server?.remoteDir;
    this.o.state.setUdf({ functions: run.managedFunctions(), jars: remoteDir === undefined ? [] : recordedJars(run.managedJars(), remoteDir) });
    this.appliedKey = ok ? this.pendingKey : undefined;
    return ok;
  }
}
