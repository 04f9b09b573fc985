// Runs the CLI as a user or CI would, with a clean environment: by default in this process, through the
// same runCli the entry point calls (src/cli/main.ts only adds process.argv, process.env and process.exit),
// so an e2e test pays for the work of a run and not for starting Node and loading ~300 modules again
// (0.6-0.9 s of CPU each, most of the suite's time). A test about the process itself (exit on a signal,
// kill -9, a terminal, an installed bin) uses runCliProcess; DOLPS_TEST_PROCESS=1 runs every e2e test
// against a real process, as the suite did before.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli as runCliInProcess } from '../../src/cli/cli.js';
import { createIo } from '../../src/cli/io.js';

export const CLI_PATH = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const ALWAYS_A_PROCESS = process.env['DOLPS_TEST_PROCESS'] === '1';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliOptions {
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
}

/** The environment a run sees: PATH and HOME from the test, then what the test gives; nothing else leaks in. */
function cleanEnv(options: CliOptions): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...options.env };
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return ALWAYS_A_PROCESS ? runCliProcess(args, options) : runInProcess(args, options);
}

/** One run in this process; a run that outlives its timeout is stopped the way SIGTERM stops it and fails the test. */
async function runInProcess(args: string[], options: CliOptions): Promise<CliResult> {
  const started = Date.now();
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) => new Writable({ write(chunk: Buffer, _encoding, done) { append(chunk.toString('utf8')); done(); } });
  const io = createIo(sink((t) => { stdout += t; }), sink((t) => { stderr += t; }));
  const stop = new AbortController();
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      stop.abort();
      reject(new Error(`dolps-sync ${args.join(' ')} did not finish within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
  });
  try {
    const code = await Promise.race([runCliInProcess(args, {
      env: cleanEnv(options), cwd: options.cwd ?? process.cwd(), io, clock: () => new Date(), version: VERSION, stopSignal: () => stop.signal,
    }), timedOut]);
    await io.flush();
    return { code, stdout, stderr, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** The built bin as a child process: for what only a process shows (signals, kill -9, exit without hanging). */
export function runCliProcess(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: options.cwd, env: cleanEnv(options), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, ms: Date.now() - started });
    });
  });
}
