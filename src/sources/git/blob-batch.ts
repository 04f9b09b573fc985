// One long-lived `git cat-file --batch` reads every small blob of a run: a first sync of 2,000 files
// starts one git process instead of 2,000. git answers strictly in the order it was asked, so callers
// wait in a queue; each answer is read whole before the next, so a slow reader never holds up the
// others (large blobs do not come through here: blob-stream.ts streams them, see git-reader.ts).
import type { Socket } from 'node:net';
import { BatchAnswerParser, type BatchAnswer } from './batch-answers.js';
import { GitError } from './errors.js';
import { failure, spawnError, spawnGit, type GitChild, type GitContext } from './git-process.js';

export interface BlobRequest {
  sha: string;
  /** The size the tree reported; any other size fails the read. */
  size: number;
  /** For messages. */
  path: string;
}

interface Waiting extends BlobRequest {
  resolve(bytes: Buffer): void;
  reject(error: GitError): void;
}

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export class BlobBatch {
  private child: GitChild | undefined;
  private parser: BatchAnswerParser | undefined;
  private readonly waiting: Waiting[] = [];
  private stderr: Buffer[] = [];
  private closed = false;

  constructor(private readonly ctx: GitContext) {}

  /** The running git process, for diagnostics; undefined before the first read and after close. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The blob's bytes; rejects with a GitError naming the path when it is missing, of another size, or git fails. */
  read(request: BlobRequest): Promise<Buffer> {
    if (this.closed) return Promise.reject(closedError(request));
    // A name with a space or newline would be answered as something else and shift every later answer.
    if (!OBJECT_ID.test(request.sha)) {
      return Promise.reject(new GitError('unexpectedOutput', `${request.sha} is not a full object id (reading ${request.path})`, { command: 'cat-file', path: request.path }));
    }
    return new Promise((resolve, reject) => {
      const child = this.child ?? this.start();
      this.waiting.push({ ...request, resolve, reject });
      this.hold(true);
      child.stdin?.write(`${request.sha}\n`);
    });
  }

  /** Ends the process; reads still waiting fail with a GitError. Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    this.failAll((w) => closedError(w));
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('close', resolve));
    this.hold(true); // until git is gone
    child.kill('SIGTERM');
    await exited;
  }

  private start(): GitChild {
    const child = spawnGit(this.ctx, ['cat-file', '--batch'], { input: 'pipe' });
    this.child = child;
    this.stderr = [];
    this.parser = new BatchAnswerParser((type, size) => type === 'blob' && size === this.waiting[0]?.size, (a) => this.answer(a));
    child.stdin?.on('error', () => undefined); // a git that died says why through 'close'
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    child.stdout.on('data', (chunk: Buffer) => this.receive(child, chunk));
    child.once('error', (err) => this.stop(child, spawnError(err, 'cat-file')));
    child.once('close', (code, signal) => {
      this.stop(child, failure('cat-file', code ?? -1, Buffer.concat(this.stderr).toString('utf8').trim(), signal));
    });
    return child;
  }

  private receive(child: GitChild, chunk: Buffer): void {
    if (child !== this.child) return;
    try {
      this.parser?.push(chunk);
    } catch (error) {
      // Out of step with git: no later answer can be trusted, so this process goes.
      this.stop(child, error as GitError);
      child.kill('SIGTERM');
    }
  }

  private answer(answer: BatchAnswer): void {
    const next = this.waiting.shift();
    // After close() an answer still in the pipe must not unref git: close() waits for it to exit, and an
    // unref'd process with nothing else to do lets Node leave that wait pending forever.
    if (this.waiting.length === 0 && !this.closed) this.hold(false);
    if (next === undefined) return;
    const problem = answerProblem(answer, next);
    if (problem === undefined && answer.kind === 'found' && answer.body !== null) next.resolve(answer.body);
    else next.reject(problem ?? unexpected(next, 'no content'));
  }

  /** The process is gone (or out of step): every waiting read fails, and the next read starts a new one. */
  private stop(child: GitChild, cause: GitError): void {
    if (child !== this.child) return;
    this.child = undefined;
    this.parser = undefined;
    this.failAll((w) => new GitError(cause.code, `${cause.message} (reading ${w.path}, blob ${w.sha})`,
      { command: 'cat-file', exitCode: cause.exitCode, stderr: cause.stderr, path: w.path, cause }));
  }

  private failAll(errorFor: (w: Waiting) => GitError): void {
    for (const w of this.waiting.splice(0)) w.reject(errorFor(w));
    this.hold(false);
  }

  /** Keeps the event loop alive only while reads are waiting: an idle, unclosed batch never hangs an exit. */
  private hold(busy: boolean): void {
    const child = this.child;
    if (child === undefined) return;
    const handles = [child.stdin, child.stdout, child.stderr] as Array<Socket | null>;
    if (busy) {
      child.ref();
      for (const h of handles) h?.ref();
    } else {
      child.unref();
      for (const h of handles) h?.unref();
    }
  }
}

function answerProblem(answer: BatchAnswer, asked: BlobRequest): GitError | undefined {
  if (answer.kind === 'missing') {
    return new GitError('commandFailed', `git cat-file: blob ${asked.sha} of ${asked.path} is not in the object database`,
      { command: 'cat-file', path: asked.path });
  }
  if (answer.sha !== asked.sha) return unexpected(asked, `an answer for ${answer.sha}`);
  if (answer.type !== 'blob') return unexpected(asked, `a ${answer.type}`);
  if (answer.size !== asked.size) {
    return new GitError('unexpectedOutput', `git cat-file gave ${answer.size} bytes for ${asked.path} (blob ${asked.sha}), expected ${asked.size}`,
      { command: 'cat-file', path: asked.path });
  }
  return undefined;
}

function unexpected(asked: BlobRequest, what: string): GitError {
  return new GitError('unexpectedOutput', `git cat-file --batch gave ${what} for ${asked.path} (blob ${asked.sha})`, { command: 'cat-file', path: asked.path });
}

function closedError(asked: BlobRequest): GitError {
  return new GitError('commandFailed', `the git source was closed while reading ${asked.path} (blob ${asked.sha})`, { command: 'cat-file', path: asked.path });
}
