// What identifies a repository across clones: the root commit(s) of a commit's history, and the
// remote it was cloned from (issue 11 case 4). The URL is returned as git has it; the caller masks it.
import { runGit, type GitContext } from './git-process.js';
import { isShallow } from './revisions.js';

export interface GitIdentity {
  /** Empty in a shallow clone: its cut-off commits look parentless but are not the roots. */
  rootCommits: string[];
  remoteUrl: string | null;
}

export async function gitIdentity(ctx: GitContext, commit: string, remote: string): Promise<GitIdentity> {
  const rootCommits = (await isShallow(ctx)) ? [] : await rootsOf(ctx, commit);
  const url = await runGit(ctx, ['remote', 'get-url', '--', remote], { okCodes: [2, 128] });
  const remoteUrl = url.code === 0 ? url.stdout.toString('utf8').trim() : null;
  return { rootCommits, remoteUrl: remoteUrl === '' ? null : remoteUrl };
}

async function rootsOf(ctx: GitContext, commit: string): Promise<string[]> {
  const { stdout } = await runGit(ctx, ['rev-list', '--max-parents=0', commit]);
  return stdout.toString('utf8').split('\n').filter((line) => line !== '').sort();
}
