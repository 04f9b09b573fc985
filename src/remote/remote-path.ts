// Turns paths relative to the remote root into the full names 3.0/3.1 store ('/gitlab/dir/a.sh'),
// and refuses any path that would leave the remote root. Paths reach the adapter already relative;
// this is defence in depth against a planner bug or a hostile file name.
import { RemoteError } from './errors.js';

/** '/gitlab', '/gitlab/' and 'gitlab' become '/gitlab'; '/' and '' become '/'. */
export function normalizeRoot(root: string): string {
  const segments = root.split('/').filter((s) => s !== '');
  for (const segment of segments) {
    if (!isSafeSegment(segment)) throw new RemoteError('rejected', 'configure', `the remote root "${root}" is not a plain absolute path`);
  }
  return '/' + segments.join('/');
}

/** The full name of `relative` under `root`; throws RemoteError when it would leave the root. */
export function fullNameOf(root: string, relative: string, op: string): string {
  if (relative === '') return root;
  const segments = relative.split('/');
  if (!segments.every(isSafeSegment)) {
    throw new RemoteError('rejected', op, `refusing to ${op} "${relative}": the path is not a plain path inside the remote root ${root}`, { path: relative });
  }
  return root === '/' ? `/${relative}` : `${root}/${relative}`;
}

/** The parent's full name: '/gitlab/a.sh' -> '/gitlab', '/a.sh' -> '/'. */
export function parentFullName(fullName: string): string {
  const slash = fullName.lastIndexOf('/');
  return slash <= 0 ? '/' : fullName.slice(0, slash);
}

export function nameOf(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('/') + 1);
}

/** The path relative to `root` of a full name inside it, or undefined when it is outside. */
export function relativeTo(root: string, fullName: string): string | undefined {
  if (root === '/') return fullName.length > 1 ? fullName.slice(1) : undefined;
  return fullName.startsWith(root + '/') ? fullName.slice(root.length + 1) : undefined;
}

/** Every ancestor of a full name from the top down, itself included: '/a/b' -> ['/a', '/a/b']. */
export function selfAndAncestors(fullName: string): string[] {
  const segments = fullName.split('/').filter((s) => s !== '');
  return segments.map((_, i) => '/' + segments.slice(0, i + 1).join('/'));
}

// The server rejects '/', '.' and '..' in a name (FileUtils.directoryTraversal, 1300009); we also refuse
// empty segments (leading, trailing or double slashes) and NUL before anything is sent.
function isSafeSegment(segment: string): boolean {
  return segment !== '' && segment !== '.' && segment !== '..' && !segment.includes('\0');
}
