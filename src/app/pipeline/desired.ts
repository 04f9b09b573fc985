// The first seam of the pipeline: where the desired tree comes from. A source owns how it names
// content (git blob ids for a commit, sha256 for a directory), how it opens it, and which paths it
// ignores; the run never hashes or opens anything itself.
import type { Readable } from 'node:stream';
import type { Change, ContentKind, DesiredTree, FileRef } from '../../core/change.js';
import type { ContentHasher } from '../content-id.js';
import type { DirectoryChanges } from '../../core/plan.js';
import type { IsIgnored } from '../filter.js';

/** The whole desired tree: every file, what cannot be synced, and (for a directory) its directories. */
export interface TreeSnapshot {
  files: DesiredTree;
  unsupported: readonly Change[];
  /** Real directories (a directory source); git has none, so a commit leaves this out. */
  dirs?: ReadonlySet<string>;
}

/** What one run makes true: replay some changes (incremental), or make the remote equal a tree (full). */
export type Desired =
  | { kind: 'changes'; changes: readonly Change[]; dirs?: DirectoryChanges }
  | { kind: 'tree'; tree: TreeSnapshot };

export interface DesiredTreeSource {
  /** Shown in the operation log: a commit id or a directory. */
  readonly label: string;
  readonly contentKind: ContentKind;
  /** Names bytes fed chunk by chunk as this source names its files: the one place a download is compared with a local file. */
  contentHasher(expectedSize: number): ContentHasher;
  /** A fresh stream of a file's bytes on every call (the adapter may retry an upload). */
  open(file: FileRef): Promise<Readable>;
  /** The ignore rules as this source has them (a commit's .dolpsignore, not the working tree's). */
  readonly isIgnored: IsIgnored;
  /** The whole tree, ignored paths left out. */
  tree(): Promise<TreeSnapshot>;
}
