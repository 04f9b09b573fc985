// npm run bench: measurements printed as ratios against a baseline taken in the same run, because these
// machines are shared and noisy. Not a test: it asserts nothing, it reports.
//   1. watch: latency from a file write to the upload finishing (median, p95 over 50 changes), against
//      the debounce window it must wait anyway;
//   2. watch: CPU seconds the idle watcher uses in BENCH_IDLE_SECONDS (default 60), against the 0.05 s goal,
//      measured after a 30 s settling period whose CPU is printed too;
//   3. sync: an incremental sync of one changed file against a full reconcile of the same repository.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';
import { startWatchProcess, waitFor } from '../helpers/watch-process.js';

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

const emulator = await startEmulator({ generation: '3.1' });
const work = await mkdtemp(join(tmpdir(), 'dolps-bench-'));
try {
  await benchSync(emulator);
  await benchWatch(emulator, work);
} finally {
  await emulator.stop();
  await rm(work, { recursive: true, force: true });
}
