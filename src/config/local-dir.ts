// Where the local directory (what is synced) is, once the git repository is known. `--repo` names the
// repository and nothing else (issue 9: it used to replace [resource_file] src_dir, so a CI job writing
// `--repo .` uploaded the whole repository). Pure: the caller passes real (symlink-free) paths.
import { isAbsolute, relative } from 'node:path';
import { describeSource } from './errors.js';
import type { Setting } from './types.js';
import type { Parsed } from './values.js';

export interface Repository {
  /** The repository's top, as git reports it. */
  top: string;
  /** How the user named it, for messages: "--repo ../x". */
  namedBy: string;
}

/**
 * An unset local directory defaults to the repository's top, or to the current directory when that is
 * inside the repository. A set one must lie inside the repository.
 */
export function placeLocalDir(localDir: Setting<string>, repo: Repository, cwd: string): Parsed<Setting<string>> {
  if (localDir.source.kind === 'default') {
    return isInside(cwd, repo.top)
      ? { ok: true, value: { value: cwd, source: { kind: 'default', detail: 'the current directory, inside the repository' } } }
      : { ok: true, value: { value: repo.top, source: { kind: 'default', detail: "the repository's top" } } };
  }
  if (isInside(localDir.value, repo.top)) return { ok: true, value: localDir };
  return {
    ok: false,
    message: `the local directory ${localDir.value} (from ${describeSource(localDir.source)}) is outside the repository ${repo.top} (${repo.namedBy})`,
    fix: 'point the local directory at a folder inside the repository, or name the repository that holds it',
  };
}

export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
