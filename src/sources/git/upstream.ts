// The upstream of the branch a sync targets, fetched fresh: whether someone else's newer work (the
// commit the server was last synced to) is on it decides between "pull first" and "history was
// rewritten" (issue 11 case 3). Never prompts; a fetch that fails leaves the last fetched state.
import { outputLine, runGit, type GitContext } from './git-process.js';
import type { FetchPolicy } from './fetch-commit.js';
import { resolveCommit } from './revisions.js';

export interface Upstream {
  /** As git names it: origin/main. */
  name: string;
  /** Its commit after the fetch; null when the tracking ref does not exist (never fetched, fetch failed). */
  commit: string | null;
}

/** The upstream of the branch `rev` names (HEAD: the checked-out branch); null for a commit id, a tag, or no upstream. */
export async function fetchUpstream(ctx: GitContext, rev: string, policy: FetchPolicy): Promise<Upstream | null> {
  const branch = await branchRef(ctx, rev);
  if (branch === null) return null;
  const format = '%(upstream)%00%(upstream:short)%00%(upstream:remotename)%00%(upstream:remoteref)';
  const { stdout } = await runGit(ctx, ['for-each-ref', `--format=${format}`, branch]);
  const [ref = '', name = '', remote = '', remoteRef = ''] = outputLine(stdout).split('\0');
  if (ref === '') return null;
  // A branch that tracks another local branch (remote ".") has nothing to fetch.
  if (remote !== '' && remote !== '.' && remoteRef !== '' && ref.startsWith('refs/remotes/')) {
    const args = ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', '--end-of-options', remote, `+${remoteRef}:${ref}`];
    await runGit(ctx, args, { timeoutMs: policy.timeoutMs, detached: true }).catch(() => undefined);
  }
  return { name, commit: await resolveCommit(ctx, ref) };
}

async function branchRef(ctx: GitContext, rev: string): Promise<string | null> {
  // rev-parse echoes --end-of-options in its output, so a name that looks like an option is refused here instead.
  if (rev === '' || rev.startsWith('-')) return null;
  const { code, stdout } = await runGit(ctx, ['rev-parse', '--symbolic-full-name', rev], { okCodes: [1, 128] });
  const full = code === 0 ? outputLine(stdout) : '';
  if (full.startsWith('refs/heads/')) return full;
  if (full !== 'HEAD') return null;
  const head = await runGit(ctx, ['symbolic-ref', '--quiet', 'HEAD'], { okCodes: [1, 128] });
  return head.code === 0 ? outputLine(head.stdout) : null;
}
