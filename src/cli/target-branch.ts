// Which [target.NAME] a command reads: --target, DOLPS_TARGET, else the branch being synced matched
// against each target's `branches` (src/config/targets.ts). The branch: the CI's variable for the
// branch a pipeline runs on, else the branch checked out where the command runs (or in --repo).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { TARGET_ENV, type TargetRequest } from '../config/targets.js';
import type { Runtime } from './runtime.js';

/** Set by GitLab for branch pipelines (not merge-request ones) and by GitHub Actions for every run. */
export const BRANCH_VARIABLES = ['CI_COMMIT_BRANCH', 'GITHUB_REF_NAME'] as const;

export function targetRequestOf(argv: { target?: string; repo?: string }, runtime: Pick<Runtime, 'env' | 'cwd'>): TargetRequest {
  const flag = argv.target?.trim();
  const fromEnv = runtime.env[TARGET_ENV]?.trim();
  const named = flag ? { name: flag, source: '--target' } : fromEnv ? { name: fromEnv, source: TARGET_ENV } : undefined;
  return { ...(named ? { named } : {}), branch: () => ciBranch(runtime.env) ?? checkedOutBranch(resolve(runtime.cwd, argv.repo ?? '.'), runtime.env) };
}

function ciBranch(env: Runtime['env']): string | undefined {
  // GITHUB_REF_NAME is a tag's name on a tag push: not a branch.
  if (env['GITHUB_REF_TYPE'] === 'tag') return env['CI_COMMIT_BRANCH']?.trim() || undefined;
  return BRANCH_VARIABLES.map((name) => env[name]?.trim()).find((value) => value !== undefined && value !== '');
}

/** Asked only when the file has targets and none is named; undefined on a detached HEAD or outside a repository. */
function checkedOutBranch(dir: string, env: Runtime['env']): string | undefined {
  try {
    const name = execFileSync('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: dir, env: { ...env }, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' }).trim();
    return name === '' || name === 'HEAD' ? undefined : name;
  } catch {
    return undefined;
  }
}
