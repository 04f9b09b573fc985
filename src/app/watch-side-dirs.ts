// Folders a side run reads itself in `watch` (the UDF folder, issue 13). The watcher must see
// changes there, so that a new jar or an edited functions.yaml triggers a run; the file tree's plan
// must not get them beyond what its own ignore rules let through (on 3.3 the jars are files).
import type { Change } from '../core/change.js';
import type { BatchDirs } from '../sources/watch/fs-watcher.js';
import { filterChanges, type IsIgnored } from './filter.js';

/** The watcher's ignore rules: the file tree's, except inside (and on the way to) the side folders. */
export function watcherIgnores(isIgnored: IsIgnored, sideDirs: readonly string[]): IsIgnored {
  if (sideDirs.length === 0) return isIgnored;
  const reaches = (path: string) => sideDirs.some((d) => path === d || path.startsWith(`${d}/`) || d.startsWith(`${path}/`));
  return (path, isDirectory) => isIgnored(path, isDirectory) && !reaches(path);
}

/** A watcher batch as the file tree sees it: what its ignore rules leave out is dropped (a rename across the line is a create or a delete). */
export function fileTreeBatch(changes: readonly Change[], dirs: BatchDirs, isIgnored: IsIgnored): { changes: Change[]; dirs: BatchDirs } {
  return {
    changes: filterChanges(changes, isIgnored),
    dirs: { added: dirs.added.filter((d) => !isIgnored(d, true)), deleted: dirs.deleted.filter((d) => !isIgnored(d, true)) },
  };
}
