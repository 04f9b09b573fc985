// Who this process is, for the lease file: host, pid, user and the CI job when the environment names one.
import { hostname, userInfo } from 'node:os';
import type { LeaseHolder } from '../../core/lease.js';

/** GitLab's CI_JOB_URL, else GitHub Actions' run URL built from its three variables. */
export function ciJobOf(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env['CI_JOB_URL']) return env['CI_JOB_URL'];
  const server = env['GITHUB_SERVER_URL'];
  const repository = env['GITHUB_REPOSITORY'];
  const run = env['GITHUB_RUN_ID'];
  return server && repository && run ? `${server}/${repository}/actions/runs/${run}` : undefined;
}

export function thisHolder(env: Readonly<Record<string, string | undefined>>, pid: number): LeaseHolder {
  const ciJob = ciJobOf(env);
  return { host: hostname(), pid, user: userName(env), ...(ciJob ? { ciJob } : {}) };
}

function userName(env: Readonly<Record<string, string | undefined>>): string {
  try {
    return userInfo().username;
  } catch {
    // A uid with no passwd entry (some containers).
    return env['USER'] ?? 'unknown';
  }
}

/** Signal 0 checks existence only; EPERM means alive under another user. */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
