// Makes one commit present in a shallow or partial clone: the marker commit of the last sync is
// often missing from a CI checkout, the top git-ftp complaint ("Unknown SHA1 object", #244, #515).
// Never prompts (GIT_TERMINAL_PROMPT=0, and fetches run without a controlling terminal); gives up
// with `false`, not an exception, after a bounded number of attempts.
import type { Logger } from '../../core/logger.js';
import { runGit, type GitContext } from './git-process.js';
import { isShallow, resolveCommit } from './revisions.js';

export interface FetchPolicy {
  remote: string;
  /** Successive `--deepen` steps tried in a shallow clone before fetching the single commit. */
  deepenSteps: readonly number[];
  /** Per fetch attempt. */
  timeoutMs: number;
  /** Told when the clone is deepened or a commit fetched: a CI job should say why it reads more than it cloned. */
  logger?: Logger;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = { remote: 'origin', deepenSteps: [50, 500], timeoutMs: 120_000 };

/**
 * In a shallow clone we first deepen the current history: an ancestor found that way arrives
 * connected, so `merge-base --is-ancestor` stays truthful. Fetching the commit alone
 * (`--depth=1 origin <sha>`) makes it present but cut off from HEAD, and comes last: for a commit
 * that is not in HEAD's recent history (another branch, rewritten history). GitHub, GitLab and
 * git's protocol v2 serve any reachable commit by id. `--unshallow` is not tried: on a large
 * repository it is the full clone the user avoided.
 */
export async function fetchCommit(ctx: GitContext, sha: string, policy: FetchPolicy = DEFAULT_FETCH_POLICY): Promise<boolean> {
  if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha)) return false; // only a full id can be fetched
  if (await hasCommit(ctx, sha)) return true;
  const shallow = await isShallow(ctx);
  const head = shallow ? await resolveCommit(ctx, 'HEAD') : null;
  if (head !== null && (await deepenUntilPresent(ctx, policy, head, sha))) return true;
  const fetched = await tryFetch(ctx, policy, shallow ? ['--depth=1', policy.remote, sha] : [policy.remote, sha]) && await hasCommit(ctx, sha);
  if (fetched) policy.logger?.note(`commit ${sha.slice(0, 12)} was not in this clone: fetched it alone from ${policy.remote}`);
  return fetched;
}

async function deepenUntilPresent(ctx: GitContext, policy: FetchPolicy, head: string, sha: string): Promise<boolean> {
  for (const step of policy.deepenSteps) {
    if (!(await tryFetch(ctx, policy, [`--deepen=${step}`, policy.remote, head]))) return false;
    policy.logger?.note(`commit ${sha.slice(0, 12)} is not in this shallow clone: deepened it by ${step} commits from ${policy.remote}`
      + ' (a full clone avoids this: GIT_DEPTH: 0 in GitLab, fetch-depth: 0 in GitHub Actions)');
    if (await hasCommit(ctx, sha)) return true;
    if (!(await isShallow(ctx))) return false; // the whole history is here now, and the commit is not in it
  }
  return false;
}

/** One attempt; a refusal, an unreachable remote or the timeout all mean "not this way". */
function tryFetch(ctx: GitContext, policy: FetchPolicy, args: string[]): Promise<boolean> {
  const fetchArgs = ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', ...args];
  return runGit(ctx, fetchArgs, { timeoutMs: policy.timeoutMs, detached: true }).then(() => true, () => false);
}

async function hasCommit(ctx: GitContext, sha: string): Promise<boolean> {
  return (await resolveCommit(ctx, sha)) !== null;
}
