// A desired tree read from one git commit: content named by git blob ids, bytes from the object
// database, ignore rules from the commit's own .dolpsignore (not the working tree's).
import type { Change } from '../../core/change.js';
import { compileIgnore, DOLPSIGNORE } from '../../core/ignore.js';
import type { GitSource } from '../../sources/git/git-reader.js';
import { gitBlobHasher } from '../content-id.js';
import { filterChanges, filterTree } from '../filter.js';
import type { DesiredTreeSource, TreeSnapshot } from './desired.js';

export interface IgnoreSettings {
  excludes: readonly string[];
  /** Exact paths under the local root never synced (the config file, the watch state file). */
  alwaysIgnored: readonly string[];
}

export interface GitCommitSource extends DesiredTreeSource {
  readonly commit: string;
  /** What changed from `base` to this commit, ignored paths left out. */
  changesSince(base: string): Promise<Change[]>;
}

export async function openGitCommitSource(git: GitSource, commit: string, ignore: IgnoreSettings): Promise<GitCommitSource> {
  const dolpsignore = await git.readFile(commit, DOLPSIGNORE);
  const isIgnored = compileIgnore({ dolpsignore: dolpsignore?.toString('utf8'), excludes: ignore.excludes, paths: ignore.alwaysIgnored });
  return {
    label: commit,
    commit,
    contentKind: 'git-blob',
    contentHasher: gitBlobHasher,
    open: (file) => git.open(file),
    isIgnored,
    async tree(): Promise<TreeSnapshot> {
      const tree = await git.tree(commit);
      const unsupported = tree.unsupported.filter((c) => c.kind !== 'unsupported' || !isIgnored(c.path, false));
      return { files: filterTree(tree.files, isIgnored), unsupported };
    },
    changesSince: async (base) => filterChanges(await git.diff(base, commit), isIgnored),
  };
}
