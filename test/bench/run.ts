// npm run bench: measurements printed as ratios against a baseline taken in the same run, because these
// machines are shared and noisy. Not a test: it asserts nothing, it reports.
//   watch: latency from a file write to the upload finishing (median, p95 over 50 changes), against the
//      debounce window it must wait anyway; then CPU seconds the idle watcher uses in BENCH_IDLE_SECONDS
//      (default 60), against the 0.05 s goal, measured after a 30 s settling period whose CPU is printed too;
//   sync: an incremental sync of one changed file against a full reconcile of the same repository;
//   a-e: the figures of issue 12 (throughput.ts, planner.ts), in a table beside their goals;
//   db: `sync --full` of an unchanged 2,000-file root without and with the metadata index (PostgreSQL);
//   hook: the post-commit hook's overhead on a commit that changes nothing under the local root;
//   refs: the reference guard's scan, 100 projects and 2,000 tasks, through the REST API and the
//      metadata database (PostgreSQL, MariaDB), alone and inside a dry run whose plan deletes a file.
// BENCH_SCALE=0.1 shrinks every size of a-e for a quick run; `npm run bench -- --only a` (or BENCH_ONLY=a,e)
// runs only those figures (b and c need a's larger tree, so they sync it first); BENCH_CLI=<main.js> measures
// another build of the CLI (e.g. main's, for a before/after on the same machine); BENCH_CPU_PROF_DIR=<dir> runs each
// measured process (the CLI, the raw uploader) with node --cpu-prof writing there (the emulator's side: run this
// script itself with --cpu-prof).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';
import { startWatchProcess, waitFor } from '../helpers/watch-process.js';
import { benchDbIndex } from './db-index.js';
import { benchHookOverhead, describeHookOverhead } from './hook-overhead.js';
import { benchReferenceScan } from './references.js';
import { BENCH_CLI } from './measure.js';
import { benchPlanner } from './planner.js';
import { describeRoles } from './request-roles.js';
import { figureTable, type Row } from './table.js';
import { benchFirstSync, benchFullReconcile, benchIncremental, benchLargeFile, smallTree, type FirstSync } from './throughput.js';

const CHANGES = 50;
const DEBOUNCE_MS = 300;
const IDLE_SECONDS = Number(process.env['BENCH_IDLE_SECONDS'] ?? 60);
const IDLE_GOAL_SECONDS = 0.05;
const SETTLE_SECONDS = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** utime + stime of a process, in seconds (Linux /proc; clock ticks are 100 per second there). */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function benchWatch(emulator: Emulator, work: string): Promise<void> {
  const dir = join(work, 'watched');
  await mkdir(dir);
  const env = { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/bench-watch' };
  const watcher = await startWatchProcess([dir, '--state', join(work, 'state.json'), '--debounce', String(DEBOUNCE_MS)], env);
  try {
    const latencies: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const name = `change-${i}.sql`;
      const started = performance.now();
      await writeFile(join(dir, name), `select ${i};\n`);
      await waitFor(() => watcher.stdout().includes(`create  ${name}`), 10_000, () => `upload of ${name}`);
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    const median = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    console.log(`watch latency, write → upload finished, ${CHANGES} changes, debounce ${DEBOUNCE_MS} ms:`);
    console.log(`  median ${median.toFixed(0)} ms (${(median / DEBOUNCE_MS).toFixed(2)} × debounce), p95 ${p95.toFixed(0)} ms (${(p95 / DEBOUNCE_MS).toFixed(2)} × debounce)`);

    // Right after activity Node still works once: V8's memory reducer runs up to three full GCs some
    // 8-20 s after the allocation rate drops (--trace-gc shows them as "Mark-Compact (reduce)", ~60 ms in
    // all here), and keep-alive sockets close ~5 s after the last request. That one-off cost is reported
    // apart from the idle window that follows.
    const pid = watcher.pid();
    const settleStart = await cpuSeconds(pid);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1_000));
    const before = await cpuSeconds(pid);
    // Sampled every 5 s, so a wake-up shows where it happens (a steady one would show everywhere).
    const perInterval: number[] = [];
    let last = before;
    for (let elapsed = 0; elapsed < IDLE_SECONDS; elapsed += 5) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(5, IDLE_SECONDS - elapsed) * 1_000));
      const now = await cpuSeconds(pid);
      perInterval.push(now - last);
      last = now;
    }
    const used = last - before;
    console.log(`watch CPU in the first ${SETTLE_SECONDS} s after the last change (V8 memory reducer GCs, sockets closing): ${(before - settleStart).toFixed(3)} s`);
    console.log(`watch idle CPU over the next ${IDLE_SECONDS} s with no changes: ${used.toFixed(3)} s (${(used / IDLE_GOAL_SECONDS).toFixed(2)} × the ${IDLE_GOAL_SECONDS} s goal; /proc counts 0.01 s ticks)`);
    console.log(`  per 5 s: ${perInterval.map((t) => t.toFixed(2)).join(' ')}; load average ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')}`);
  } finally {
    await watcher.stop();
  }
}

async function benchSync(emulator: Emulator): Promise<void> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 500; i++) files[`dir${i % 20}/file${i}.sql`] = `select ${i};\n`;
  const repo = await makeRepo(files);
  try {
    const env = { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: '/bench-sync', DOLPS_LOCAL_DIR: repo.dir };
    await runCli(['sync'], { cwd: repo.dir, env });
    await repo.commit({ 'dir0/file0.sql': 'select 0 + 0;\n' });
    const t0 = performance.now();
    const incremental = await runCli(['sync'], { cwd: repo.dir, env });
    const incrementalMs = performance.now() - t0;
    await repo.commit({ 'dir1/file1.sql': 'select 1 + 1;\n' });
    const t1 = performance.now();
    const full = await runCli(['sync', '--full'], { cwd: repo.dir, env });
    const fullMs = performance.now() - t1;
    if (incremental.code !== 0 || full.code !== 0) throw new Error(`sync failed: ${incremental.stderr}${full.stderr}`);
    console.log('sync of one changed file in a 500-file repository:');
    console.log(`  incremental ${incrementalMs.toFixed(0)} ms, full reconcile ${fullMs.toFixed(0)} ms: incremental takes ${(incrementalMs / fullMs).toFixed(2)} × the full reconcile's time`);
  } finally {
    await repo.cleanup();
  }
}

const SCALE = Number(process.env['BENCH_SCALE'] ?? 1);
const scaled = (n: number): number => Math.max(1, Math.round(n * SCALE));
const onlyArg = process.argv.indexOf('--only');
const only = (onlyArg >= 0 ? process.argv[onlyArg + 1] : process.env['BENCH_ONLY'])?.split(',').map((s) => s.trim());
const wanted = (figure: string): boolean => only === undefined || only.includes(figure);

function firstSyncRows(first: FirstSync): Row[] {
  const ratio = first.cli.ms / first.raw.ms;
  const perFile = first.requests / first.files;
  return [
    { figure: `(a) first sync, ${first.files} files: wall time`, measured: `${ms(first.cli.ms)} = ${ratio.toFixed(2)} × raw`,
      baseline: `raw uploader ${ms(first.raw.ms)}`, goal: '≤ 1.3 × raw', met: ratio <= 1.3 },
    { figure: `(a) first sync, ${first.files} files: requests`, measured: `${perFile.toFixed(3)} per file (${first.requests})`,
      baseline: `raw: ${first.files} creates + mkdirs`, goal: '≤ 1.02 per file', met: perFile <= 1.02 },
  ];
}

async function benchIssueFigures(emulator: Emulator, work: string, rows: Row[], notes: string[]): Promise<void> {
  if (wanted('a')) {
    const tree = await smallTree(scaled(2_000));
    try { rows.push(...firstSyncRows(await benchFirstSync(emulator, tree, work))); } finally { await tree.repo.cleanup(); }
  }
  if (wanted('a') || wanted('b') || wanted('c')) {
    const tree = await smallTree(scaled(20_000));
    try {
      rows.push(...firstSyncRows(await benchFirstSync(emulator, tree, work)));
      if (wanted('b')) {
        const inc = await benchIncremental(emulator, tree);
        rows.push({ figure: `(b) incremental sync, 10 changes in ${tree.paths.length} files`, measured: `${inc.requests} requests (${inc.writes} writes), ${ms(inc.cli.ms)}`,
          baseline: '10 writes', goal: '≤ 15 requests', met: inc.requests <= 15 });
        notes.push(`(b) the ${inc.requests} requests of the incremental sync, by what they are for:\n${describeRoles(inc.roles)}`);
      }
      if (wanted('c')) {
        const full = await benchFullReconcile(emulator, tree);
        rows.push({ figure: `(c) --full, unchanged ${tree.paths.length}-file root`, measured: `${full.downloads} file downloads (+${full.markerReads} of the marker), ${ms(full.cli.ms)} (${full.requests} requests)`,
          baseline: '0 downloads', goal: '0 downloads', met: full.downloads === 0 });
      }
    } finally {
      await tree.repo.cleanup();
    }
  }
  if (wanted('d')) {
    const large = await benchLargeFile(emulator, scaled(GIB), work);
    const mbps = (m: { ms: number }) => large.bytes / 1e6 / (m.ms / 1000);
    rows.push({ figure: `(d) one ${mib(large.bytes)} binary: throughput`, measured: `${mbps(large.cli).toFixed(0)} MB/s = ${(mbps(large.cli) / mbps(large.raw)).toFixed(2)} × raw`,
      baseline: `raw uploader ${mbps(large.raw).toFixed(0)} MB/s`, goal: 'near raw', met: undefined });
    rows.push({ figure: `(d) one ${mib(large.bytes)} binary: peak RSS of the CLI`, measured: `${rss(large.cli.peakRssMb)} (largest of its tree: ${rss(large.cli.treeRssMb)})`,
      baseline: `raw uploader ${rss(large.raw.peakRssMb)}`, goal: '< 150 MB', met: large.cli.peakRssMb === undefined ? undefined : large.cli.peakRssMb < 150 });
    // Issue 11 case 16: the paths that download the file stream it too.
    for (const [what, measured] of [['--full compare (download + hash)', large.compare], ['backup to log_dir before a delete', large.backup]] as const) {
      rows.push({ figure: `(d) one ${mib(large.bytes)} binary: peak RSS of a ${what}`, measured: `${rss(measured.peakRssMb)}, ${ms(measured.ms)}`,
        baseline: 'the first sync above', goal: '< 150 MB', met: measured.peakRssMb === undefined ? undefined : measured.peakRssMb < 150 });
    }
  }
  if (wanted('e')) {
    const planner = benchPlanner(scaled(100_000));
    rows.push({ figure: `(e) planner, ${planner.changes} changes`,
      measured: `planChanges ${ms(planner.incrementalMs)} (CPU ${ms(planner.incrementalCpuMs)}), planReconcile ${ms(planner.reconcileMs)} (CPU ${ms(planner.reconcileCpuMs)})`,
      baseline: `${planner.operations} operations`, goal: '< 1 s each', met: Math.max(planner.incrementalMs, planner.reconcileMs) < 1000 });
  }
}

const ms = (t: number): string => (t >= 10_000 ? `${(t / 1000).toFixed(1)} s` : `${t.toFixed(0)} ms`);
const mib = (bytes: number): string => (bytes >= GIB ? `${(bytes / GIB).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
const rss = (mb: number | undefined): string => (mb === undefined ? 'n/a' : `${mb.toFixed(0)} MB`);
const GIB = 2 ** 30;

// The multipart body of a 1 GiB file is a little over the default 1 GiB body limit.
const emulator = await startEmulator({ generation: '3.1', limits: { multipartMaxBytes: 2 * GIB } });
const work = await mkdtemp(join(tmpdir(), 'dolps-bench-'));
const rows: Row[] = [];
const notes: string[] = [];
try {
  console.log(`dolps-sync bench, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / GIB).toFixed(0)} GiB, node ${process.version}`);
  // Shared machines: a load above the core count stretches every wall time; ratios within one run still compare.
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (${cpus().length} cores)`);
  console.log(`CLI ${BENCH_CLI}; emulator 3.1 in this process; scale ${SCALE}${only === undefined ? '' : `; only ${only.join(',')}`}`);
  if (['a', 'b', 'c', 'd', 'e'].some(wanted)) await benchIssueFigures(emulator, work, rows, notes);
  if (rows.length > 0) console.log(figureTable(rows));
  for (const note of notes) console.log(note);
  if (rows.length > 0) console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (wanted('sync')) await benchSync(emulator);
  if (wanted('watch')) await benchWatch(emulator, work);
  if (wanted('db')) await benchDbIndex(scaled(2_000));
  if (wanted('hook')) console.log(describeHookOverhead(await benchHookOverhead()));
  if (wanted('refs')) await benchReferenceScan(scaled(100), scaled(2_000));
} finally {
  await emulator.stop();
  await rm(work, { recursive: true, force: true });
}
