// Naming commits: what the clone holds, and whether its history is cut short.
import { outputLine, runGit, type GitContext } from './git-process.js';

/** Full id of the commit `rev` names, or null when this clone does not hold it. */
export async function resolveCommit(ctx: GitContext, rev: string): Promise<string | null> {
  if (rev === '' || rev.includes('\0')) return null;
  // --end-of-options: a rev such as "--all" is a name to look up, never an option.
  const args = ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`];
  const { code, stdout } = await runGit(ctx, args, { okCodes: [1, 128] });
  return code === 0 ? outputLine(stdout) : null;
}

export async function isShallow(ctx: GitContext): Promise<boolean> {
  const { stdout } = await runGit(ctx, ['rev-parse', '--is-shallow-repository']);
  return outputLine(stdout) === 'true';
}
