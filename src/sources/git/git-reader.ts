// The git source: what changed between two commits under the local root, and the committed bytes
// of each file. Everything is read from the object database, never from the working tree, so a
// dirty checkout or a bare repository gives the same answers (git-ftp #254 is the counter-example).
import { stat } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { Readable } from 'node:stream';
import type { Change, DesiredTree, FileRef } from '../../core/change.js';
import { blobsToSize, changesFromDiff } from './changes-from-diff.js';
import { GitError } from './errors.js';
import { DEFAULT_FETCH_POLICY, fetchCommit, type FetchPolicy } from './fetch-commit.js';
import { gitContext, outputLine, runGit, type GitContext, type GitEnv } from './git-process.js';
import { openBlob } from './blob-stream.js';
import { BlobBatch } from './blob-batch.js';
import { parseRawDiff } from './parse-diff.js';
import { desiredTree, parseLsTree } from './parse-tree.js';
import { isShallow, resolveCommit } from './revisions.js';
import { fetchUpstream, type Upstream } from './upstream.js';
import { gitIdentity, type GitIdentity } from './identity.js';

export { GitError, type GitErrorCode } from './errors.js';
export { isZeroSha } from './entry-type.js';
export type { GitEnv } from './git-process.js';
export type { Upstream } from './upstream.js';
export type { GitIdentity } from './identity.js';

export interface GitSource {
  /** Absolute toplevel (the git directory itself for a bare repository). */
  readonly repoRoot: string;
  /** The local root relative to repoRoot: '' or 'sub/dir' (no trailing slash). */
  readonly prefix: string;
  /** Full id of the commit `rev` names; null when this clone does not know it (not an error). */
  resolve(rev: string): Promise<string | null>;
  /** Only the history present locally is walked: in a shallow clone call fetchCommit first. */
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
  isShallow(): Promise<boolean>;
  /** Try to make `sha` available in a shallow or partial clone: fetch it from the remote, or deepen; true when it is now present. Never prompts. */
  fetchCommit(sha: string): Promise<boolean>;
  /** Fetch the upstream of the branch `rev` names (HEAD: the checked-out one); null when it has none. */
  fetchUpstream(rev: string): Promise<Upstream | null>;
  /** The root commits of `commit`'s history (none in a shallow clone) and the fetch remote's URL, unmasked. */
  identity(commit: string): Promise<GitIdentity>;
  /** Changes from `from` to `to` under the prefix, paths relative to it. */
  diff(from: string, to: string): Promise<Change[]>;
  /** Every regular file under the prefix at `rev`; symlinks and submodules in `unsupported`. */
  tree(rev: string): Promise<{ files: DesiredTree; unsupported: Change[] }>;
  /** The blob's exact bytes from the object database; a fresh stream on every call. Safe to call concurrently. */
  open(file: FileRef): Promise<Readable>;
  /** A small regular file (such as .dolpsignore) at `rev`; null when absent or not a regular file. */
  readFile(rev: string, relativePath: string): Promise<Buffer | null>;
}

/** What openGitSource gives its caller: the source, and the git processes it keeps, which close() ends. */
export interface OwnedGitSource extends GitSource {
  /** Ends the git processes; reads still in progress fail with a GitError. */
  close(): Promise<void>;
}

/**
 * Blobs up to this size are read whole through the one `cat-file --batch` process; larger ones stream
 * through a process of their own. git answers a batch in order, so a blob streamed through it at upload
 * speed would stall every other read behind it (and an upload already holding a connection could time
 * out waiting); a process start is nothing beside a megabyte, and 32 operations in flight hold 32 MiB.
 */
export const BATCH_MAX_BYTES = 1024 * 1024;

export interface GitSourceOptions {
  /** The environment git runs with (the CLI passes its env record). Omitted: git inherits this process's. */
  env?: GitEnv;
  /** Remote and bounds for fetchCommit. */
  fetch?: Partial<FetchPolicy>;
}

export async function openGitSource(localDir: string, options: GitSourceOptions = {}): Promise<OwnedGitSource> {
  const dir = resolvePath(localDir);
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new GitError('localDirMissing', `local directory ${dir} does not exist or is not a directory`, { path: dir });
  const probe = gitContext(dir, options.env);
  const { repoRoot, prefix } = await locate(probe, dir);
  return new GitRepository(gitContext(repoRoot, options.env), repoRoot, prefix, { ...DEFAULT_FETCH_POLICY, ...options.fetch });
}

/**
 * The toplevel and the prefix in one git process for a work tree (every CLI run opens the source, and a
 * process start is most of what it costs); a bare repository, which has no toplevel, answers with its git dir.
 */
async function locate(ctx: GitContext, dir: string): Promise<{ repoRoot: string; prefix: string }> {
  const { code, stdout, stderr } = await runGit(ctx, ['rev-parse', '--is-bare-repository', '--show-toplevel', '--show-prefix'], { okCodes: [128] });
  const lines = stdout.toString('utf8').split('\n');
  // Three answers and the final newline; a path holding a newline would give more: then ask one at a time.
  if (code === 0 && lines[0] === 'false' && lines.length === 4) return { repoRoot: lines[1] ?? '', prefix: (lines[2] ?? '').replace(/\/$/, '') };
  if (code === 0) return { repoRoot: await revParse(ctx, dir, '--show-toplevel'), prefix: (await revParse(ctx, dir, '--show-prefix')).replace(/\/$/, '') };
  if (lines[0] === 'true') return { repoRoot: await revParse(ctx, dir, '--absolute-git-dir'), prefix: '' };
  throw notARepository(dir, stderr);
}

async function revParse(ctx: GitContext, dir: string, flag: string): Promise<string> {
  const { code, stdout, stderr } = await runGit(ctx, ['rev-parse', flag], { okCodes: [128] });
  if (code !== 0) throw notARepository(dir, stderr);
  return outputLine(stdout);
}

/** git's reason is kept: "not a git repository", or "detected dubious ownership" with its fix. */
function notARepository(dir: string, stderr: string): GitError {
  return new GitError('notARepository', `${dir} is not in a git repository: ${stderr}`, { command: 'rev-parse', stderr, path: dir });
}

class GitRepository implements OwnedGitSource {
  private readonly batch: BlobBatch;
  /** Large blobs being streamed, each by its own git process, ended by close(). */
  private readonly streaming = new Map<Readable, FileRef>();
  private closed = false;
  /** Ids git has named as commits in this run: an object never stops being a commit, so they are not asked again. */
  private readonly knownCommits = new Set<string>();

  constructor(private readonly ctx: GitContext, readonly repoRoot: string, readonly prefix: string,
    private readonly fetchPolicy: FetchPolicy) {
    this.batch = new BlobBatch(ctx);
  }

  async resolve(rev: string): Promise<string | null> {
    if (this.knownCommits.has(rev)) return rev;
    const sha = await resolveCommit(this.ctx, rev);
    if (sha !== null) this.knownCommits.add(sha);
    return sha;
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const [a, d] = await Promise.all([this.commit(ancestor), this.commit(descendant)]);
    const { code } = await runGit(this.ctx, ['merge-base', '--is-ancestor', a, d], { okCodes: [1] });
    return code === 0;
  }

  isShallow(): Promise<boolean> {
    return isShallow(this.ctx);
  }

  fetchCommit(sha: string): Promise<boolean> {
    return fetchCommit(this.ctx, sha, this.fetchPolicy);
  }

  fetchUpstream(rev: string): Promise<Upstream | null> {
    return fetchUpstream(this.ctx, rev, this.fetchPolicy);
  }

  async identity(commit: string): Promise<GitIdentity> {
    return gitIdentity(this.ctx, await this.commit(commit), this.fetchPolicy.remote);
  }

  async diff(from: string, to: string): Promise<Change[]> {
    const [a, b] = await Promise.all([this.commit(from), this.commit(to)]);
    if (a === b) return [];
    // Plumbing, not `git diff`: no diff.* user config (renames, relative, external) can change the output.
    const pathspec = this.prefix === '' ? [] : ['--', this.prefix];
    const args = ['diff-tree', '-r', '-z', '-M', '--raw', '--no-abbrev', a, b, ...pathspec];
    const entries = parseRawDiff((await runGit(this.ctx, args)).stdout.toString('utf8'));
    return changesFromDiff(entries, this.prefix, await this.blobSizes(blobsToSize(entries)));
  }

  async tree(rev: string): Promise<{ files: DesiredTree; unsupported: Change[] }> {
    const sha = await this.commit(rev);
    const root = this.prefix === '' ? sha : `${sha}:${this.prefix}`;
    if (this.prefix !== '') {
      // The local root may not exist at that commit (or be a file there): then nothing is under it.
      const { code, stdout } = await runGit(this.ctx, ['cat-file', '-t', root], { okCodes: [128] });
      if (code !== 0 || outputLine(stdout) !== 'tree') return desiredTree([]);
    }
    const { stdout } = await runGit(this.ctx, ['ls-tree', '-r', '-l', '-z', root]);
    return desiredTree(parseLsTree(stdout.toString('utf8')));
  }

  async open(file: FileRef): Promise<Readable> {
    if (file.id.kind !== 'git-blob') throw new GitError('unexpectedOutput', `${file.path}: a ${file.id.kind} id does not name a git blob`, { path: file.path });
    const request = { sha: file.id.hex, size: file.size, path: file.path };
    if (file.size <= BATCH_MAX_BYTES || this.closed) {
      // Errors come in the stream, as they do for a streamed blob: a missing object is never an empty file.
      return this.batch.read(request).then(bufferStream, failedStream);
    }
    const stream = await openBlob(this.ctx, file.id.hex, file.size, file.path);
    // close() may have run while git was starting.
    if (this.closed) stream.destroy(closedWhileReading(file));
    this.streaming.set(stream, file);
    stream.once('close', () => this.streaming.delete(stream));
    return stream;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [stream, file] of this.streaming) stream.destroy(closedWhileReading(file));
    await this.batch.close();
  }

  async readFile(rev: string, relativePath: string): Promise<Buffer | null> {
    const sha = await this.commit(rev);
    const repoPath = this.prefix === '' ? relativePath : `${this.prefix}/${relativePath}`;
    const { stdout } = await runGit(this.ctx, ['ls-tree', '-l', '-z', sha, '--', repoPath]);
    const entry = parseLsTree(stdout.toString('utf8')).find((e) => e.path === repoPath);
    if (entry?.type !== 'file') return null;
    return (await runGit(this.ctx, ['cat-file', 'blob', entry.sha])).stdout;
  }

  /** The full id of a commit, or a GitError that says what to do. */
  private async commit(rev: string): Promise<string> {
    const sha = await this.resolve(rev);
    if (sha !== null) return sha;
    throw new GitError('unknownRevision',
      `${rev} does not name a commit in ${this.repoRoot} (a shallow clone may not hold it: fetch it, or clone with more depth)`,
      { rev });
  }

  /** Sizes from the commit objects, for many blobs in one `cat-file --batch-check`. */
  private async blobSizes(shas: readonly string[]): Promise<Map<string, number>> {
    const sizes = new Map<string, number>();
    if (shas.length === 0) return sizes;
    const args = ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)', '--buffer'];
    const { stdout } = await runGit(this.ctx, args, { stdin: `${shas.join('\n')}\n` });
    for (const line of stdout.toString('utf8').split('\n').filter((l) => l !== '')) {
      const [sha = '', type, size] = line.split(' ');
      if (type !== 'blob' || size === undefined) {
        throw new GitError('unexpectedOutput', `blob ${sha} is not in the object database (${line})`, { command: 'cat-file' });
      }
      sizes.set(sha, Number(size));
    }
    return sizes;
  }
}

function bufferStream(bytes: Buffer): Readable {
  return Readable.from(bytes.length === 0 ? [] : [bytes], { objectMode: false });
}

function failedStream(error: unknown): Readable {
  return new Readable({ read() { this.destroy(error as Error); } });
}

function closedWhileReading(file: FileRef): GitError {
  return new GitError('commandFailed', `the git source was closed while reading ${file.path} (blob ${file.id.hex})`, { command: 'cat-file', path: file.path });
}
