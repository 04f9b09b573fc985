// Which local paths are never synced. Pure: the caller reads .dolpsignore and passes its text.
//
// Three sources, and a path is ignored when any of them ignores it (a `!` line in .dolpsignore cannot
// re-include what a config exclude or a built-in rule drops):
// - built in: `.git` (directory, or the file a submodule or worktree has) and the names reserved by
//   dolps-sync (reserved.ts: the state marker, the lease), at any depth and with everything under a
//   directory of such a name, so a nested sync's marker is neither uploaded nor clobbered; the root's
//   `.dolpsignore` itself; and the caller's paths, with everything under them (the config file, which
//   may hold a token, the watch state file, the log directory, when they lie inside the local root);
// - `.dolpsignore` at the local root, with git's gitignore rules, through the `ignore` package. It
//   follows git's documented rules (negation, anchoring, directory-only patterns, `**`, escapes, and
//   "a file in an excluded directory cannot be re-included"); hand-rolled gitignore matching is a known
//   source of bugs (git-ftp #25, #166, #473). Only the root .dolpsignore is read, not nested ones;
// - config excludes ([resource_file] exclude, DOLPS_EXCLUDE, --exclude), with minimatch, the glob
//   dialect people already write for shells and tools; `dot: true` so `*` also matches dot files.
//   A glob without `/` matches the base name at any depth, like gitignore (`*.tmp`, `build`); one with
//   `/` matches the whole path from the root (a leading `/` is allowed and ignored); a trailing `/`
//   matches directories only. A matching directory excludes everything under it.
import { createRequire } from 'node:module';
import type ignoreFactory from 'ignore';
import type { Minimatch } from 'minimatch';
import { RESERVED_NAMES } from './reserved.js';

// Each matcher is loaded only when there is something to match with: most runs have neither a
// .dolpsignore nor an exclude, and loading both packages is some 60 ms of CPU at every start. Both
// ship CommonJS, which require loads synchronously, so compiling stays synchronous.
const load = createRequire(import.meta.url);
const gitignoreRules = (text: string) => (load('ignore') as typeof ignoreFactory)().add(text);
const minimatch = (pattern: string) => new (load('minimatch') as { Minimatch: typeof Minimatch }).Minimatch(pattern, { dot: true });

export const DOLPSIGNORE = '.dolpsignore';

export interface IgnoreInput {
  /** Text of .dolpsignore at the local root, if there is one. */
  dolpsignore?: string;
  /** Globs from the config, relative to the local root. */
  excludes: readonly string[];
  /** Paths relative to the local root that are never synced, nor anything under them. */
  paths?: readonly string[];
}

/** `relativePath` is '/'-separated, relative to the local root, without a leading `./` or `/`. */
export type IgnorePredicate = (relativePath: string, isDirectory: boolean) => boolean;

interface Exclude {
  matcher: Minimatch;
  /** Match the base name rather than the whole path. */
  baseName: boolean;
  directoryOnly: boolean;
}

export function compileIgnore(input: IgnoreInput): IgnorePredicate {
  const gitignore = (input.dolpsignore ?? '').trim() === '' ? undefined : gitignoreRules(input.dolpsignore ?? '');
  const excludes = input.excludes.map(compileExclude);
  const exact = new Set([DOLPSIGNORE, ...(input.paths ?? [])]);
  const excluded = (path: string, isDirectory: boolean): boolean =>
    excludes.some((e) => (!e.directoryOnly || isDirectory) && e.matcher.match(e.baseName ? baseName(path) : path));

  return (relativePath, isDirectory) => {
    const path = relativePath.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    if (path === '') return false;
    const parts = path.split('/');
    if (parts.some((part) => part === '.git' || RESERVED_NAMES.has(part))) return true;
    if (parts.some((_, i) => exact.has(parts.slice(0, i + 1).join('/')))) return true;
    // The `ignore` package throws a RangeError on a path with a `.` or `..` segment (a crafted git
    // tree can hold one); the source reports such a path as unsupported, so it is not judged here.
    if (gitignore && !hasDotSegment(parts) && gitignore.ignores(isDirectory ? `${path}/` : path)) return true;
    for (let i = 1; i <= parts.length; i++) {
      const isLast = i === parts.length;
      if (excluded(parts.slice(0, i).join('/'), isLast ? isDirectory : true)) return true;
    }
    return false;
  };
}

function compileExclude(glob: string): Exclude {
  const directoryOnly = glob.endsWith('/');
  const pattern = glob.replace(/^\/+/, '').replace(/\/+$/, '');
  const baseName = !glob.replace(/\/+$/, '').includes('/');
  return { matcher: minimatch(pattern), baseName, directoryOnly };
}

function hasDotSegment(parts: readonly string[]): boolean {
  return parts.some((part) => part === '' || part === '.' || part === '..');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
