// Where a 3.2/3.3 full name lives. From 3.2 on the storage is the catalogue and resources are named
// by absolute storage URI ("file:/dolphinscheduler/default/resources/a.sh"). The emulator serves one
// storage base URI (`<resource.hdfs.fs.defaultFS><resource.storage.upload.base.path>`) and keeps
// everything under it on disk below `storageDir`, so <base>/<tenant>/resources/x is
// <storageDir>/<tenant>/resources/x, the layout 3.0/3.1 use too.
import { join } from 'node:path';
import { JavaException } from '../../reply.js';

/** A path as Hadoop's `new Path(text)` reads it, and its place on disk when inside the base. */
export interface Located {
  /** Qualified and normalised, as `FileStatus.getPath().toString()` prints it (no trailing "/"). */
  uri: string;
  /** Absent when the path is outside the emulated storage (another scheme, relative, above the base). */
  disk?: string;
}

/** "file:/dolphinscheduler" or "hdfs://nn:8020/dolphinscheduler": qualified, no trailing slash, no "//". */
const BASE_URI = /^([a-zA-Z][a-zA-Z0-9+.-]*):(\/\/[^/]+)?((?:\/[^/]+)+)$/;

export class StorageLayout {
  /** The storage base URI, e.g. "file:/dolphinscheduler". */
  readonly base: string;
  private readonly scheme: string;
  private readonly authority: string;
  private readonly basePath: string;

  constructor(baseUri: string, private readonly diskRoot: string) {
    const match = BASE_URI.exec(baseUri);
    if (match === null || /\/\.\.?(\/|$)/.test(baseUri)) {
      throw new Error(`emulator: storage base URI "${baseUri}" is not a qualified URI with a path, like file:/dolphinscheduler or hdfs://namenode:8020/dolphinscheduler`);
    }
    this.base = baseUri;
    this.scheme = match[1] as string;
    this.authority = match[2] ?? '';
    this.basePath = match[3] as string;
  }

  /**
   * `new Path(text)` and what it names: the scheme is what precedes a ":" that comes before any "/",
   * "//" runs collapse, "." and ".." resolve (URI.normalize), the trailing "/" goes. A path without
   * scheme means the default file system, which is the base's.
   */
  locate(text: string): Located {
    if (text === '') throw new JavaException('Can not create a Path from an empty string');
    let rest = text;
    let scheme = this.scheme;
    let authority = this.authority;
    const colon = text.indexOf(':');
    const slash = text.indexOf('/');
    if (colon !== -1 && (slash === -1 || colon < slash)) {
      scheme = text.slice(0, colon);
      rest = text.slice(colon + 1);
      authority = '';
    }
    if (rest.startsWith('//') && rest.length > 2) {
      const end = rest.indexOf('/', 2);
      const host = end === -1 ? rest.slice(2) : rest.slice(2, end);
      // "file:///x" has an empty authority and prints as "file:/x".
      authority = host === '' ? '' : `//${host}`;
      rest = end === -1 ? '' : rest.slice(end);
    }
    const relative = !rest.startsWith('/');
    const segments = resolveDots(rest.split('/').filter((s) => s !== ''));
    const path = `${relative ? '' : '/'}${segments.join('/')}`;
    const uri = `${scheme}:${authority}${path}`;
    const outside = relative || scheme !== this.scheme || authority !== this.authority || segments.includes('..');
    // A NUL cannot name a file on any disk the emulator writes to.
    if (outside || text.includes('\0')) return { uri };
    if (path !== this.basePath && !path.startsWith(`${this.basePath}/`)) return { uri };
    const inside = path.slice(this.basePath.length).split('/').filter((s) => s !== '');
    return { uri, disk: join(this.diskRoot, ...inside) };
  }

  /** The URI of a child of a located directory. */
  child(parent: Located, name: string): Located {
    return { uri: `${parent.uri}/${name}`, ...(parent.disk === undefined ? {} : { disk: join(parent.disk, name) }) };
  }
}

/** URI.normalize on the segments of an absolute path: "." goes, "x/.." goes, a leading ".." stays. */
function resolveDots(segments: readonly string[]): string[] {
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return out;
}
