// `git merge-base`: where a branch left its target, for the merge-request preview. Kept apart from
// git-reader.ts: only the preview needs it, and the reader's interface (and its fake) stay as they are.
import { gitContext, outputLine, runGit, type GitEnv } from './git-process.js';

export type MergeBaseOf = (a: string, b: string) => Promise<string | null>;

/** The best common ancestor of two commits, or null when the clone holds none (unrelated or cut-short history). */
export function mergeBaseReader(repoRoot: string, env?: GitEnv): MergeBaseOf {
  const ctx = gitContext(repoRoot, env);
  return async (a, b) => {
    const { code, stdout } = await runGit(ctx, ['merge-base', '--end-of-options', a, b], { okCodes: [1] });
    return code === 0 ? outputLine(stdout) : null;
  };
}
