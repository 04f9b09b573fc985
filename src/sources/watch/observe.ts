// Looks at one changed path on disk for the batch: lstat, and for a regular file the sha256.
// A file is only hashed once its size and mtime match what the last event saw, at least one quiet
// window later; otherwise (still being written, or changed while hashing) it is reported unstable
// and goes back to the coalescer. These stats run only while something changes: no polling.
import type { Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Id } from '../../core/change.js';
import { errorCode, unsupportedReason } from '../tree/dir-reader.js';
import { hashFile } from '../tree/hash-file.js';
import type { Observation } from './resolve-batch.js';

/** Size and mtime (and inode, for a replaced file) as one comparable string. */
export function signatureOf(stats: Pick<Stats, 'size' | 'mtimeMs' | 'ino'>): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
}

export type PathState = { observation: Observation } | { unstable: string };

/** `expected` is the signature the last event carried; undefined means none was seen. */
export async function observePath(root: string, path: string, expected: string | undefined): Promise<PathState> {
  const absolute = join(root, path);
  const before = await lstatOrMissing(absolute);
  if (!('stats' in before)) return before;
  const stats = before.stats;
  if (stats.isDirectory()) return { observation: { kind: 'dir' } };
  if (!stats.isFile()) return { observation: { kind: 'unsupported', reason: unsupportedReason(stats) } };
  const signature = signatureOf(stats);
  if (signature !== expected) return { unstable: signature };
  let digest;
  try {
    digest = await hashFile(absolute);
  } catch (err) {
    return readFailure(err);
  }
  const after = await lstatOrMissing(absolute);
  if (!('stats' in after)) return after;
  if (signatureOf(after.stats) !== signature || digest.size !== stats.size) return { unstable: signatureOf(after.stats) };
  return { observation: { kind: 'file', file: { path, id: sha256Id(digest.sha256), size: digest.size } } };
}

async function lstatOrMissing(absolute: string): Promise<{ stats: Stats } | { observation: Observation }> {
  try {
    return { stats: await lstat(absolute) };
  } catch (err) {
    return readFailure(err);
  }
}

function readFailure(err: unknown): { observation: Observation } {
  const code = errorCode(err);
  // ENOTDIR: a parent directory was replaced by a file.
  if (code === 'ENOENT' || code === 'ENOTDIR') return { observation: { kind: 'missing' } };
  return { observation: { kind: 'unsupported', reason: `not readable (${code})` } };
}
