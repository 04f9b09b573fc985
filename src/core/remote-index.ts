// What the Resource Center holds under the remote root, as seen at the start of a run.
// Keys are paths relative to the remote root ('' is never a key: the root itself is `rootExists`).

export interface RemoteEntry {
  path: string;
  kind: 'file' | 'dir';
  /** Bytes, when the listing source reports it (3.0/3.1 tree listings do not). */
  size?: number;
  /**
   * The server's update time as it printed it ("2026-01-01 10:00:00"), when the listing source reports it
   * (the paged listings of every generation; not 3.0/3.1's tree nor 3.2's subtree listing).
   */
  updateTime?: string;
}

export interface RemoteIndex {
  rootExists: boolean;
  entries: ReadonlyMap<string, RemoteEntry>;
  /** Where the listing came from, for the output ("API tree listing", "metadata database"). */
  source: string;
}

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** '' for a top-level entry, then every ancestor from the top down: 'a/b/c.sh' -> ['a', 'a/b']. */
export function ancestorsOf(path: string): string[] {
  const out: string[] = [];
  for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) out.push(path.slice(0, slash));
  return out;
}

/**
 * `path`'s ancestors not in `seen` yet, deepest first, added to it; it stops at the first one already
 * there. Sound because `seen` only ever receives whole chains this way: an ancestor in it has all of its
 * own ancestors there too. The planner calls it once per file of a tree of 100,000 files.
 */
export function unseenAncestors(path: string, seen: Set<string>): string[] {
  const out: string[] = [];
  for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
    const dir = path.slice(0, slash);
    if (seen.has(dir)) break;
    seen.add(dir);
    out.push(dir);
  }
  return out;
}

export function depthOf(path: string): number {
  if (path === '') return 0;
  let depth = 1;
  for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) depth++;
  return depth;
}
