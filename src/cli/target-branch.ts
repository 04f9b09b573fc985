// Which [target.NAME] a command reads: --target, DOLPS_TARGET, else the branch being synced matched
// against each target's `branches` (src/config/targets.ts). The branch: the CI's variable for the
// branch a pipeline runs on, else the branch checked out where the command runs (or in --repo).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { TARGET_ENV, type TargetRequest } from '../config/targets.js';
import type { Runtime } from './runtime.js';

/**
 * The first set wins. GitLab sets CI_COMMIT_BRANCH in branch pipelines; in merge-request pipelines (a
 * detached checkout) the branch the change goes into, which is the server a merge would sync to (and the
 * one a --preview shows); GitHub sets GITHUB_BASE_REF the same way for pull requests, else GITHUB_REF_NAME.
 */
export const BRANCH_VARIABLES = ['CI_COMMIT_BRANCH', 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME', 'GITHUB_BASE_REF', 'GITHUB_REF_NAME'] as const;

export function targetRequestOf(argv: { target?: string; repo?: string }, runtime: Pick<Runtime, 'env' | 'cwd'>): TargetRequest {
  const flag = argv.target?.trim();
  const fromEnv = runtime.env[TARGET_ENV]?.trim();
  const named = flag ? { name: flag, source: '--target' } : fromEnv ? { name: fromEnv, source: TARGET_ENV } : undefined;
  return { ...(named ? { named } : {}), branch: () => ciBranch(runtime.env) ?? checkedOutBranch(resolve(runtime.cwd, argv.repo ?? '.'), runtime.env) };
}

function ciBranch(env: Runtime['env']): string | undefined {
  // GITHUB_REF_NAME is a tag's name on a tag push: not a branch.
  const names = env['GITHUB_REF_TYPE'] === 'tag' ? BRANCH_VARIABLES.filter((name) => name !== 'GITHUB_REF_NAME') : BRANCH_VARIABLES;
  return names.map((name) => env[name]?.trim()).find((value) => value !== undefined && value !== '');
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
