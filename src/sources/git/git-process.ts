// Runs git as a child process. Every call goes through here so that the environment, the
// pathspec mode and the error shape are the same for all of them.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { GitError } from './errors.js';

/** The environment record the composition root injects (never read from process.env here). */
export type GitEnv = Readonly<Record<string, string | undefined>>;

export interface GitContext {
  /** Where git runs: the toplevel (or the git dir of a bare repository). */
  readonly cwd: string;
  /** undefined: the child inherits the parent's environment unchanged. */
  readonly env: NodeJS.ProcessEnv | undefined;
}

// These name a repository or a pathspec mode. Set by a calling git hook (GIT_DIR, GIT_INDEX_FILE)
// they would point our commands at another repository than the local directory we were given.
const LOCATION_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR',
  'GIT_LITERAL_PATHSPECS', 'GIT_GLOB_PATHSPECS', 'GIT_NOGLOB_PATHSPECS', 'GIT_ICASE_PATHSPECS'];

export function gitContext(cwd: string, env: GitEnv | undefined): GitContext {
  if (env === undefined) return { cwd, env: undefined };
  const childEnv: NodeJS.ProcessEnv = { ...env };
  for (const name of LOCATION_VARIABLES) delete childEnv[name];
  // A credential prompt would hang CI (git-ftp #515); fail instead.
  childEnv.GIT_TERMINAL_PROMPT = '0';
  return { cwd, env: childEnv };
}

export interface SpawnOptions {
  input?: 'pipe';
  /** Own session, hence no controlling terminal: nothing can prompt even without GIT_TERMINAL_PROMPT. */
  detached?: boolean;
}

export type GitChild = ChildProcessByStdio<Writable | null, Readable, Readable>;

/** Pathspecs are always literal, so a local root or a file named `*.sql` or `[a]` means itself. */
export function spawnGit(ctx: GitContext, args: readonly string[], options: SpawnOptions = {}): GitChild {
  const child = spawn('git', ['--literal-pathspecs', ...args], {
    cwd: ctx.cwd,
    env: ctx.env,
    stdio: [options.input ?? 'ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  return child as GitChild; // stdout and stderr are pipes, so never null
}

export interface RunOptions {
  stdin?: string;
  detached?: boolean;
  /** Exit codes that are answers rather than failures (1 for `merge-base --is-ancestor`). */
  okCodes?: readonly number[];
  timeoutMs?: number;
}

export interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs git to completion and collects its output; throws GitError unless the exit code is 0 or in okCodes. */
export function runGit(ctx: GitContext, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const command = args[0] ?? '';
  const child = spawnGit(ctx, args, { input: options.stdin === undefined ? undefined : 'pipe', detached: options.detached });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  if (options.stdin !== undefined && child.stdin !== null) {
    child.stdin.on('error', () => undefined); // git may exit before reading all of it; the exit code tells
    child.stdin.end(options.stdin);
  }
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => kill(child, options.detached), options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(spawnError(err, command));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = { code: code ?? -1, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8').trim() };
      if (code === 0 || (code !== null && options.okCodes?.includes(code))) resolve(result);
      else reject(failure(command, result.code, result.stderr, signal));
    });
  });
}

/** A one-line answer (a path, an id): only the final newline goes, as a path may end in spaces. */
export function outputLine(stdout: Buffer): string {
  return stdout.toString('utf8').replace(/\n$/, '');
}

export function failure(command: string, exitCode: number, stderr: string, signal: NodeJS.Signals | null = null): GitError {
  const why = signal === null ? `exit ${exitCode}` : `killed by ${signal}`;
  const detail = stderr === '' ? '' : `: ${stderr.split('\n')[0]}`;
  return new GitError('commandFailed', `git ${command} failed (${why})${detail}`, { command, exitCode, stderr });
}

export function spawnError(err: Error, command: string): GitError {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
    return new GitError('gitNotFound', 'git is not installed or not on PATH: install git 2.30 or newer', { command, cause: err });
  }
  return new GitError('commandFailed', `git ${command} could not start: ${err.message}`, { command, cause: err });
}

function kill(child: GitChild, detached: boolean | undefined): void {
  if (child.pid === undefined) return;
  try {
    // A detached git leads its own process group; its helpers (ssh, remote-https) go with it.
    if (detached === true) process.kill(-child.pid, 'SIGTERM');
    else child.kill('SIGTERM');
  } catch {
    // already gone
  }
}
