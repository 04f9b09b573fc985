// chokidar lists a new directory before it starts watching it, so a file created in between is
// never reported: `mkdir -p d/e && write d/a` lost d/a in 4 of 30 runs here (chokidar 4.0.3,
// NodeFsHandler._handleDir reads, then calls fs.watch). Once a batch with new directories is cut
// (a debounce window later, when chokidar's watch is long in place), they are listed again and
// what nobody reported is found here.
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { listTree, type IgnorePredicate } from '../tree/dir-reader.js';
import { signatureOf } from './observe.js';

export interface MissedEntries {
  /** Files (and links, FIFOs...) with their signature when they could be stat'ed. */
  files: { path: string; signature: string | undefined }[];
  dirs: string[];
}

export async function findMissedEntries(
  root: string,
  isIgnored: IgnorePredicate,
  newDirs: readonly string[],
  isReported: (path: string) => boolean,
): Promise<MissedEntries> {
  const missed: MissedEntries = { files: [], dirs: [] };
  const tops = newDirs.filter((dir) => !newDirs.some((other) => dir.startsWith(`${other}/`)));
  for (const dir of tops) {
    const listing = await listTree(root, isIgnored, dir);
    missed.dirs.push(...listing.dirs.filter((path) => !isReported(path)));
    const files = [...listing.files, ...listing.unsupported.map((c) => (c.kind === 'unsupported' ? c.path : ''))];
    for (const path of files.filter((p) => p !== '' && !isReported(p))) {
      missed.files.push({ path, signature: await signatureAt(join(root, path)) });
    }
  }
  return missed;
}

async function signatureAt(absolute: string): Promise<string | undefined> {
  try {
    return signatureOf(await lstat(absolute));
  } catch {
    return undefined;
  }
}
