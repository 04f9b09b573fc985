// From 3.2 on a resource IS its absolute storage path ("full name"), e.g.
// file:/dolphinscheduler/default/resources/gitlab/a.sh: the tenant's resource directory (read from the
// server, never assumed) followed by the path inside it. This module turns paths relative to the remote root
// into those names and back, and refuses anything that would leave the remote root.
// Sources: HdfsStorageOperator.getHdfsResDir / listFilesStatus (3.2.2), AbstractStorageOperator (dev).
import { RemoteError } from './errors.js';
import { fullNameOf, normalizeRoot, parentFullName, relativeTo } from './remote-path.js';

export type Kind = 'file' | 'dir';

/**
 * Names under one tenant resource directory. A "logical" name is the path inside that directory with a
 * leading '/', as 3.0/3.1 wrote full names ('/gitlab/a.sh'); '/' is the tenant resource directory itself.
 */
export class StoragePaths {
  /**
   * @param tenantRoot the tenant's resource directory exactly as the server spells it, without a trailing '/'
   * @param remoteRoot the remote root as a logical name ('/gitlab', or '/')
   * @param dirSlash 3.2 writes directory full names with a trailing '/', 3.3 without
   */
  constructor(readonly tenantRoot: string, readonly remoteRoot: string, private readonly dirSlash: boolean) {}

  /** The logical name of a path relative to the remote root; throws RemoteError when it would leave it. */
  logical(relative: string, op: string): string {
    return fullNameOf(this.remoteRoot, relative, op);
  }

  /** The absolute full name the server addresses. */
  storageName(logical: string, kind: Kind): string {
    const name = logical === '/' ? this.tenantRoot : this.tenantRoot + logical;
    return kind === 'dir' && this.dirSlash ? `${name}/` : name;
  }

  /**
   * `currentDir` for creating `logical`: `topLevel` for the top level (the dialect's choice), else the parent
   * directory's absolute full name. 3.2 appends `name` to it as is (hence its trailing '/'); 3.3 joins with
   * FileUtils.concatFilePath.
   */
  currentDir(logical: string, topLevel: string): string {
    const parent = parentFullName(logical);
    return parent === '/' ? topLevel : this.storageName(parent, 'dir');
  }

  /** The logical name of a full name from a listing, or undefined when it is outside the tenant directory. */
  logicalOf(fullName: string): string | undefined {
    const name = canonical(fullName).replace(/\/+$/, '');
    const root = canonical(this.tenantRoot);
    if (name === root) return '/';
    return name.startsWith(`${root}/`) ? name.slice(root.length) : undefined;
  }

  /** The path relative to the remote root of a listed full name; undefined outside it (or for the root). */
  relativeOf(fullName: string): string | undefined {
    const logical = this.logicalOf(fullName);
    return logical === undefined ? undefined : relativeTo(this.remoteRoot, logical);
  }
}

/**
 * Hadoop's Path.toString writes `file:/x` for `file:///x`, so a server configured with `file:///` answers
 * base-dir in one spelling and listings in the other (issue #17588 shows such a log). Compare canonically;
 * send what base-dir said.
 */
export function canonical(fullName: string): string {
  return fullName.replace(/^([A-Za-z][A-Za-z0-9+.-]*):\/\/\//, '$1:/');
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\//;

/**
 * The remote root as a logical name. It is configured relative to the tenant's resource directory
 * ('/gitlab'), or as an absolute full name, which must then lie inside that directory.
 */
export function resolveRemoteRoot(configured: string, tenantRoot: string): string {
  if (!SCHEME.test(configured)) return normalizeRoot(configured);
  const name = canonical(configured).replace(/\/+$/, '');
  const root = canonical(tenantRoot);
  if (name !== root && !name.startsWith(`${root}/`)) {
    throw new RemoteError('rejected', 'connect',
      `the remote root ${configured} is outside the tenant resource directory ${tenantRoot}/ on the server; give it relative to that directory (e.g. /gitlab) or inside it`);
  }
  return normalizeRoot(name.slice(root.length));
}

/** Commons Lang StringUtils.difference(a, b): the rest of `b` from where it first differs from `a`. */
export function javaDifference(a: string, b: string): string {
  const shorter = Math.min(a.length, b.length);
  let at = 0;
  while (at < shorter && a[at] === b[at]) at++;
  if (at === shorter && a.length === b.length) return '';
  return b.slice(at);
}
