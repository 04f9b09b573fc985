// Runs a process of the benchmark (the CLI under test, or the raw uploader) and measures it from the
// outside: wall time, and peak RSS from /usr/bin/time (the kernel's maxrss of that process, the VmHWM it
// had when it exited), so the numbers include everything the process did, start-up included.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_PATH } from '../helpers/run-cli.js';
import type { RawJob } from './raw-uploader.js';

const TIME = '/usr/bin/time';
const RSS_MARK = 'BENCH_MAXRSS_KB=';
const RAW_UPLOADER = fileURLToPath(new URL('./raw-uploader.js', import.meta.url));

/** The CLI the figures are about; BENCH_CLI points at another build (e.g. main's) to compare. */
export const BENCH_CLI = process.env['BENCH_CLI'] ?? CLI_PATH;

export interface Measured {
  code: number;
  ms: number;
  /** Peak resident set in MiB; undefined when /usr/bin/time is not installed. */
  peakRssMb: number | undefined;
  stdout: string;
  stderr: string;
}

export function measure(script: string, args: readonly string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs: number }): Promise<Measured> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...options.env };
  const timed = existsSync(TIME);
  const [command, argv] = timed
    ? [TIME, ['-f', `${RSS_MARK}%M`, process.execPath, script, ...args]]
    : [process.execPath, [script, ...args]];
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
      const peakRssMb = mark < 0 ? undefined : Number(stderr.slice(mark + RSS_MARK.length).trim()) / 1024;
      resolve({ code: code ?? 1, ms, peakRssMb, stdout, stderr: mark < 0 ? stderr : stderr.slice(0, mark) });
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
