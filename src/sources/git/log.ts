// `git log from..to` under the local root, one line per commit, for `dolps-sync status`.
import { gitContext, runGit, type GitEnv } from './git-process.js';

export interface CommitLine {
  commit: string;
  subject: string;
}

export type CommitsSince = (from: string, to: string, prefix: string, limit: number) => Promise<CommitLine[]>;

export function commitLog(repoRoot: string, env?: GitEnv): CommitsSince {
  const ctx = gitContext(repoRoot, env);
  return async (from, to, prefix, limit) => {
    // NUL-separated: a subject may hold any character but NUL.
    const args = ['log', '-z', '--format=%H%x00%s', `--max-count=${limit}`, '--end-of-options', `${from}..${to}`, '--', prefix === '' ? '.' : prefix];
    const fields = (await runGit(ctx, args)).stdout.toString('utf8').split('\0').map((f) => f.replace(/^\n/, ''));
    const lines: CommitLine[] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) lines.push({ commit: fields[i] ?? '', subject: fields[i + 1] ?? '' });
    return lines;
  };
}
