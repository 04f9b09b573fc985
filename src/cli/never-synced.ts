// The local files dolps-sync itself reads or writes (the config file, which may hold a token and a
// database password; the watch state file; the operation log and backups under log_dir) must never be
// uploaded when they lie inside the local root. "Inside" is decided on real paths: a config file named
// through a symlink (or a local root that is one) is the same file, and comparing the spellings let
// conf.ini be uploaded with its secrets (issue 11, case 8). The lexical relation counts too, so a path
// is kept out when either spelling puts it inside.
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';

/**
 * The given files' (or directories') paths relative to the local root, for those inside it, relative
 * paths resolved against `cwd`. Files that do not exist yet (a state file, a log dir) are placed by
 * their nearest existing ancestor's real path.
 */
export function neverSyncedPaths(localDir: string, files: ReadonlyArray<string | undefined>, cwd: string): string[] {
  const root = resolve(cwd, localDir);
  const realRoot = realPathOf(root);
  const found = new Set<string>();
  for (const file of files) {
    if (file === undefined || file === '') continue;
    const path = resolve(cwd, file);
    for (const rel of [inside(root, path), inside(realRoot, realPathOf(path)), inside(realRoot, path), inside(root, realPathOf(path))]) {
      if (rel !== undefined) found.add(rel);
    }
  }
  return [...found].sort();
}

function inside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : undefined;
}

function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : resolve(realPathOf(parent), basename(path));
  }
}
