// Figure (e): the pure planner alone on a large change set, in this process (no I/O to measure).
import { gitBlob, type Change, type FileRef } from '../../src/core/change.js';
import { planChanges, planReconcile, type PlanContext } from '../../src/core/plan.js';
import type { RemoteEntry, RemoteIndex } from '../../src/core/remote-index.js';
import { v31Capabilities } from '../../src/remote/v31.js';

export interface PlannerFigures {
  changes: number;
  /** planChanges: every change an added file, onto an empty root. */
  incrementalMs: number;
  /** CPU time of planChanges: the wall time less what other processes took from it on a loaded machine. */
  incrementalCpuMs: number;
  /** planReconcile: the same tree against a root holding every file with another size (all rewritten). */
  reconcileMs: number;
  reconcileCpuMs: number;
  operations: number;
}

function fileAt(i: number): FileRef {
  return { path: `d${i % 1000}/sub${i % 7}/f${i}.sql`, id: gitBlob(i.toString(16).padStart(40, '0')), size: 10 + (i % 100) };
}

export function benchPlanner(count: number): PlannerFigures {
  const files = Array.from({ length: count }, (_, i) => fileAt(i));
  const changes: Change[] = files.map((file) => ({ kind: 'added', file }));
  const ctx: PlanContext = { capabilities: v31Capabilities('3.1'), fullNameLength: (p) => p.length + 8, isIgnored: () => false };
  const empty: RemoteIndex = { rootExists: true, entries: new Map(), source: 'bench' };
  let started = performance.now();
  let cpu = process.cpuUsage();
  const plan = planChanges(changes, empty, ctx);
  const incrementalMs = performance.now() - started;
  const incrementalCpuMs = cpuMs(process.cpuUsage(cpu));

  const entries = new Map<string, RemoteEntry>(files.map((f) => [f.path, { path: f.path, kind: 'file', size: f.size + 1 }]));
  const full: RemoteIndex = { rootExists: true, entries, source: 'bench' };
  started = performance.now();
  cpu = process.cpuUsage();
  planReconcile(new Map(files.map((f) => [f.path, f])), [], full, ctx, { prune: false, remoteContent: new Map(), managed: new Set() });
  const reconcileMs = performance.now() - started;
  const reconcileCpuMs = cpuMs(process.cpuUsage(cpu));
  return { changes: count, incrementalMs, incrementalCpuMs, reconcileMs, reconcileCpuMs, operations: plan.operations.length };
}

const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;
