// A `dolps-sync watch` process under test: started as a user would, stopped with SIGINT.
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI_PATH } from './run-cli.js';

export interface WatchProcess {
  stdout: () => string;
  stderr: () => string;
  pid: () => number;
  /** SIGINT, then the exit code. */
  stop(): Promise<number>;
  /** The exit code, once the process ends by itself. */
  exited(): Promise<number>;
}

/** Ready when stderr matches `ready` (the watching line by default; a paused watch never prints it). */
export async function startWatchProcess(args: string[], env: Record<string, string>, readyTimeoutMs = 20_000, ready = /watching /): Promise<WatchProcess> {
  const child: ChildProcess = spawn(process.execPath, [CLI_PATH, 'watch', ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => { out += c.toString('utf8'); });
  child.stderr?.on('data', (c: Buffer) => { err += c.toString('utf8'); });
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 128)));
  await waitFor(() => ready.test(err), readyTimeoutMs, () => `watch did not start: ${err}`);
  return {
    stdout: () => out,
    stderr: () => err,
    pid: () => child.pid ?? -1,
    stop: async () => {
      child.kill('SIGINT');
      return exited;
    },
    exited: () => exited,
  };
}

/** Polls `condition` every 50 ms until it holds; fails with `describe()` after the timeout. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string = () => 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
