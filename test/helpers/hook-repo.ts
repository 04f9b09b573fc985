// A real repository whose commits run real hooks with an environment of the test's choosing (PATH with a
// `dolps-sync` that runs the built CLI, DOLPS_* for the emulator), as a user's shell would.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { makeRepo, type TestRepo } from './gitdir.js';
import { CLI_PATH } from './run-cli.js';

const run = promisify(execFile);

export interface HookRepo {
  repo: TestRepo;
  env: NodeJS.ProcessEnv;
  /** Writes the files (null deletes), stages all and commits through `git commit`, so hooks run. */
  commit(files: Record<string, string | null>, message: string): Promise<{ stdout: string; stderr: string }>;
  git(...args: string[]): Promise<{ stdout: string; stderr: string }>;
  cleanup(): Promise<void>;
}

export async function makeHookRepo(files: Record<string, string>, dolps: Record<string, string>): Promise<HookRepo> {
  const repo = await makeRepo(files);
  const bin = await mkdtemp(join(tmpdir(), 'dolps-bin-'));
  await writeFile(join(bin, 'dolps-sync'), `#!/bin/sh\nexec "${process.execPath}" "${CLI_PATH}" "$@"\n`);
  await chmod(join(bin, 'dolps-sync'), 0o755);
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env['PATH'] ?? ''}`, HOME: process.env['HOME'] ?? '/tmp', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...dolps,
  };
  const git = (...args: string[]) => run('git', args, { cwd: repo.dir, env });
  return {
    repo, env, git,
    async commit(changes, message) {
      for (const [path, text] of Object.entries(changes)) {
        const full = join(repo.dir, path);
        if (text === null) await rm(full, { force: true });
        else await mkdir(dirname(full), { recursive: true }).then(() => writeFile(full, text));
      }
      await git('add', '-A');
      return git('commit', '-q', '-m', message);
    },
    async cleanup() {
      await repo.cleanup();
      await rm(bin, { recursive: true, force: true });
    },
  };
}
