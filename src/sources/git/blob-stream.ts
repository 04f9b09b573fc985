// Streams one large blob's exact bytes out of the object database (`git cat-file blob`), so a 1 GiB file
// never sits in memory and the working tree is never read.
import { PassThrough, type Readable } from 'node:stream';
import { GitError } from './errors.js';
import { failure, spawnError, spawnGit, type GitContext } from './git-process.js';

/**
 * The stream ends only after git exited 0 having sent exactly `expectedSize` bytes; otherwise it
 * fails with a GitError, so a missing object can never pass for an empty file.
 * Destroying the stream early (an aborted upload) stops git.
 */
export async function openBlob(ctx: GitContext, sha: string, expectedSize: number, path: string): Promise<Readable> {
  const child = spawnGit(ctx, ['cat-file', 'blob', sha]);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err) => reject(spawnError(err, 'cat-file')));
  });
  const out = new PassThrough();
  const stderr: Buffer[] = [];
  let bytes = 0;
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdout.on('data', (chunk: Buffer) => { bytes += chunk.length; });
  child.stdout.pipe(out, { end: false });
  child.on('close', (code, signal) => {
    if (out.destroyed) return;
    if (code !== 0) {
      const err = failure('cat-file', code ?? -1, Buffer.concat(stderr).toString('utf8').trim(), signal);
      out.destroy(new GitError('commandFailed', `${err.message} (reading ${path}, blob ${sha})`,
        { command: 'cat-file', exitCode: err.exitCode, stderr: err.stderr, path }));
    } else if (bytes !== expectedSize) {
      out.destroy(new GitError('unexpectedOutput', `git cat-file gave ${bytes} bytes for ${path} (blob ${sha}), expected ${expectedSize}`,
        { command: 'cat-file', path }));
    } else {
      out.end();
    }
  });
  out.on('close', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  return out;
}
