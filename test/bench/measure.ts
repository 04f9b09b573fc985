// Runs a process of the benchmark (the CLI under test, or the raw uploader) and measures it from the
// outside: wall time, start-up included; its own peak RSS (rss-probe.ts); and from /usr/bin/time the
// peak RSS of the largest process of its tree (git children included).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_PATH } from '../helpers/run-cli.js';
import type { RawJob } from './raw-uploader.js';

const TIME = '/usr/bin/time';
const RSS_MARK = 'BENCH_MAXRSS_KB=';
const RAW_UPLOADER = fileURLToPath(new URL('./raw-uploader.js', import.meta.url));
const RSS_PROBE = new URL('./rss-probe.js', import.meta.url).href;

/** The CLI the figures are about; BENCH_CLI points at another build (e.g. main's) to compare. */
export const BENCH_CLI = process.env['BENCH_CLI'] ?? CLI_PATH;

export interface Measured {
  code: number;
  ms: number;
  /** Peak resident set of the node process itself, MB. */
  peakRssMb: number | undefined;
  /** Peak resident set of the largest process of the tree (a git child may be it), MB; undefined without /usr/bin/time. */
  treeRssMb: number | undefined;
  stdout: string;
  stderr: string;
}

export function measure(script: string, args: readonly string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs: number }): Promise<Measured> {
  const rssFile = join(tmpdir(), `dolps-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...options.env, BENCH_RSS_FILE: rssFile };
  const profDir = process.env['BENCH_CPU_PROF_DIR'];
  const node = [process.execPath, ...(profDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', profDir]), '--import', RSS_PROBE, script, ...args];
  const [command, argv] = existsSync(TIME) ? [TIME, ['-f', `${RSS_MARK}%M`, ...node]] : [node[0] ?? '', node.slice(1)];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      const mark = stderr.lastIndexOf(RSS_MARK);
      const treeRssMb = mark < 0 ? undefined : Number(stderr.slice(mark + RSS_MARK.length).trim()) * 1024 / 1e6;
      void readFile(rssFile, 'utf8').then((kib) => Number(kib) * 1024 / 1e6, () => undefined).then(async (peakRssMb) => {
        await rm(rssFile, { force: true });
        resolve({ code: code ?? 1, ms, peakRssMb, treeRssMb, stdout, stderr: mark < 0 ? stderr : stderr.slice(0, mark) });
      });
    });
  });
}

export async function runSyncCli(args: readonly string[], env: Record<string, string>, cwd: string, timeoutMs: number): Promise<Measured> {
  const result = await measure(BENCH_CLI, ['sync', ...args], { env, cwd, timeoutMs });
  if (result.code !== 0) throw new Error(`dolps-sync sync ${args.join(' ')} exited ${result.code}: ${result.stderr.slice(0, 2000)}`);
  return result;
}

export async function runRawUploader(job: RawJob, work: string, timeoutMs: number): Promise<Measured> {
  const file = join(work, `raw-job-${Date.now()}.json`);
  await writeFile(file, JSON.stringify(job));
  const result = await measure(RAW_UPLOADER, [file], { timeoutMs });
  if (result.code !== 0) throw new Error(`raw uploader exited ${result.code}: ${result.stderr.slice(0, 2000)}`);
  return result;
}
