// An in-memory GitSource: a linear history of trees given inline, content named by real git blob
// ids, so the pipeline's sync run is tested in-process without spawning git.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gitBlob, type Change, type FileRef } from '../../src/core/change.js';
import { gitBlobId } from '../../src/app/content-id.js';
import type { GitSource } from '../../src/sources/git/git-reader.js';

export type Tree = Record<string, string>;

export class MemoryGit implements GitSource {
  readonly repoRoot = '/memory/repo';
  readonly prefix = '';
  /** Commit ids, oldest first; HEAD is the last. */
  readonly commits: string[] = [];
  private readonly trees = new Map<string, Tree>();
  private readonly blobs = new Map<string, Buffer>();
  /** Commits that are not in "this clone" (as after a shallow clone): resolve() does not know them. */
  readonly missing = new Set<string>();

  commit(tree: Tree): string {
    const sha = createHash('sha1').update(`${this.commits.length}\n${JSON.stringify(tree)}`).digest('hex');
    this.commits.push(sha);
    this.trees.set(sha, tree);
    for (const content of Object.values(tree)) this.blobs.set(gitBlobId(Buffer.from(content)), Buffer.from(content));
    return sha;
  }

  async resolve(rev: string): Promise<string | null> {
    const sha = rev === 'HEAD' ? this.commits.at(-1) : this.commits.find((c) => c === rev);
    return sha !== undefined && !this.missing.has(sha) ? sha : null;
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const a = this.commits.indexOf(ancestor);
    return a >= 0 && a <= this.commits.indexOf(descendant);
  }

  async isShallow(): Promise<boolean> {
    return this.missing.size > 0;
  }

  async fetchCommit(): Promise<boolean> {
    return false;
  }

  /** A linear history has nothing to diverge from: no upstream. */
  async fetchUpstream(): Promise<null> {
    return null;
  }

  /** One history: its first commit is the root. */
  async identity(): Promise<{ rootCommits: string[]; remoteUrl: null }> {
    return { rootCommits: this.commits.slice(0, 1), remoteUrl: null };
  }

  async diff(from: string, to: string): Promise<Change[]> {
    const before = this.treeOf(from);
    const after = this.treeOf(to);
    const changes: Change[] = [];
    for (const [path, content] of Object.entries(after)) {
      if (before[path] === undefined) changes.push({ kind: 'added', file: this.ref(path, content) });
      else if (before[path] !== content) changes.push({ kind: 'modified', file: this.ref(path, content) });
    }
    for (const path of Object.keys(before)) if (after[path] === undefined) changes.push({ kind: 'deleted', path });
    return changes;
  }

  async tree(rev: string): Promise<{ files: Map<string, FileRef>; unsupported: Change[] }> {
    const files = new Map(Object.entries(this.treeOf(rev)).map(([path, content]) => [path, this.ref(path, content)] as const));
    return { files, unsupported: [] };
  }

  async open(file: FileRef): Promise<Readable> {
    const bytes = this.blobs.get(file.id.hex);
    if (!bytes || file.id.kind !== 'git-blob') throw new Error(`no blob ${file.id.hex}`);
    return Readable.from([bytes]);
  }

  async readFile(rev: string, relativePath: string): Promise<Buffer | null> {
    const content = this.treeOf(rev)[relativePath];
    return content === undefined ? null : Buffer.from(content);
  }

  private treeOf(rev: string): Tree {
    const tree = this.trees.get(rev === 'HEAD' ? this.commits.at(-1) ?? '' : rev);
    if (!tree) throw new Error(`unknown commit ${rev}`);
    return tree;
  }

  private ref(path: string, content: string): FileRef {
    return { path, id: gitBlob(gitBlobId(Buffer.from(content))), size: Buffer.byteLength(content) };
  }
}
