// Reading a 3.2/3.3 Resource Center: what is under the remote root, and what one path is. The paged
// GET /resources?fullName=<dir> lists one directory with kinds and sizes; 3.2's GET /resources/list?fullName=
// lists a subtree (directories included, sizes not) in one request; 3.3's /list names files only, so 3.3
// always walks. Every entry is checked to be where it was asked for, and (3.2) what it says about the
// server's resource directory goes to the currentDir check.
import type { RemoteEntry, RemoteIndex } from '../core/remote-index.js';
import { RemoteError } from './errors.js';
import type { HttpRequest } from './http.js';
import { nameOf, parentFullName } from './remote-path.js';
import type { Evidence } from './storage-guard.js';
import { flattenStorageTree, mapLimit, readAllPages, searchValFor, type ListedItem } from './storage-listing.js';
import type { PathIndex } from './path-index.js';
import type { Kind } from './storage-path.js';
import type { Session, StorageDialect } from './storage-session.js';

const PARALLEL_DIRECTORIES = 4;

export interface ReaderDeps {
  session: Session;
  dialect: StorageDialect;
  /** What is file or directory, by logical name: the kind decides the full name (3.2 directories end with '/')
   * and guards deletes (3.2's DELETE on "a/" removes a FILE "a" too, since Hadoop's Path drops the slash). */
  kinds: PathIndex<Kind>;
  call: (request: HttpRequest) => Promise<unknown>;
  endpoint: string;
  /** Receives what each 3.2 listing entry says about the server's resource directory. */
  note: (evidence: Evidence) => void;
}

export class StorageReader {
  constructor(private readonly deps: ReaderDeps) {}

  /**
   * Everything under the remote root. Requests: one to find the root (none when it is the tenant directory),
   * then one tree request (3.2 without sizes) or one page per directory.
   */
  async list(withSizes: boolean, detailsIn: ReadonlySet<string> = new Set(), detailsOnly = false): Promise<RemoteIndex> {
    if (detailsOnly && !withSizes) return this.listOnly(detailsIn);
    const { paths } = this.deps.session;
    const root = paths.remoteRoot;
    const rootKind = await this.stat(root);
    if (rootKind === 'file') {
      throw new RemoteError('rejected', 'list', `the remote root ${paths.storageName(root, 'file')} is a file on the server, not a directory`, { path: root });
    }
    this.deps.kinds.clear();
    const entries = new Map<string, RemoteEntry>();
    if (rootKind === undefined) return { rootExists: false, entries, source: 'API directory listing' };
    this.deps.kinds.set(root, 'dir');
    if (this.deps.dialect.treeListing && !withSizes) {
      const tree = flattenStorageTree(await this.deps.call({
        method: 'GET', url: 'resources/list', searchParams: { type: 'FILE', fullName: paths.storageName(root, 'dir') }, op: 'list',
      }));
      if (tree === undefined) throw this.malformed('the resource tree');
      for (const item of tree) this.record(item, entries);
      const pages = await this.details(detailsIn, entries);
      return { rootExists: true, entries, source: `API tree listing${pages === 0 ? '' : ` and ${pages} directory page${pages === 1 ? '' : 's'}`}` };
    }
    const pages = await this.walk(root, entries);
    return { rootExists: true, entries, source: `API directory listing (${pages} page${pages === 1 ? '' : 's'})` };
  }

  /** The kind of what is at `logical`, from its parent's listing narrowed by name; undefined when absent. */
  async stat(logical: string): Promise<Kind | undefined> {
    if (logical === '/') return 'dir';
    const { paths } = this.deps.session;
    const { items } = await this.readDirectory(parentFullName(logical), searchValFor(nameOf(logical)));
    const kind = items.find((item) => paths.logicalOf(item.fullName) === logical)?.kind;
    if (kind !== undefined) this.deps.kinds.set(logical, kind);
    return kind;
  }

  /**
   * Which of these files are not listed as files in their directory: each distinct directory is read once
   * (all its pages), a few at a time. A directory whose listing fails leaves its files unproven, with that error.
   */
  async absentFiles(files: readonly string[]): Promise<Array<{ logical: string; failure?: unknown }>> {
    const { paths } = this.deps.session;
    const byDirectory = new Map<string, string[]>();
    for (const file of files) {
      const dir = parentFullName(file);
      const inDir = byDirectory.get(dir);
      if (inDir) inDir.push(file);
      else byDirectory.set(dir, [file]);
    }
    const absent = await mapLimit([...byDirectory], PARALLEL_DIRECTORIES, async ([dir, wanted]) => {
      try {
        const { items } = await this.readDirectory(dir, '');
        const listed = new Set(items.filter((item) => item.kind === 'file').map((item) => paths.logicalOf(item.fullName)));
        return wanted.filter((file) => !listed.has(file)).map((logical) => ({ logical }));
      } catch (failure) {
        return wanted.map((logical) => ({ logical, failure }));
      }
    });
    return absent.flat();
  }

  /** What the top of the tenant directory says about the server's resource directory for this user. */
  async evidence(): Promise<Evidence> {
    const { items } = await this.readDirectory('/', '');
    const evidence = items.map((item) => this.deps.dialect.evidence(item, this.deps.session.paths));
    if (evidence.includes(false)) return false;
    return evidence.includes(true) ? true : undefined;
  }

  /** One directory, all pages (GET /resources?fullName=<dir>); entries checked to be its children. */
  private async readDirectory(logical: string, searchVal: string): Promise<{ items: ListedItem[]; pages: number }> {
    const { session: { paths, tenant }, dialect } = this.deps;
    const fullName = paths.storageName(logical, 'dir');
    const result = await readAllPages((pageNo, pageSize) => this.deps.call({
      method: 'GET', url: 'resources', op: 'list', path: fullName,
      // searchVal is always sent: 3.3 filters with contains(searchVal) and fails on null.
      searchParams: { fullName, type: 'FILE', searchVal, pageNo, pageSize, ...dialect.tenantParams(tenant) },
    }), () => this.malformed(`the listing of ${fullName}`));
    const items = result.items.filter((item) => paths.logicalOf(item.fullName) !== logical);
    for (const item of items) {
      const itemLogical = paths.logicalOf(item.fullName);
      if (itemLogical === undefined || parentFullName(itemLogical) !== logical) {
        throw new RemoteError('protocol', 'list', `list ${fullName}: the server listed ${item.fullName}, which is not in that directory`, { path: fullName, endpoint: this.deps.endpoint });
      }
      this.deps.note(dialect.evidence(item, paths));
    }
    return { items, pages: result.pages };
  }

  /**
   * Only these directories (relative to the remote root), one listing each, after a run wrote into them:
   * the root is not checked and the rest of the root not walked (on 3.3, where there is no tree listing,
   * that walk was a page per directory of the whole root after every batch).
   */
  private async listOnly(dirs: ReadonlySet<string>): Promise<RemoteIndex> {
    const entries = new Map<string, RemoteEntry>();
    const pages = await this.readDirectories([...dirs], entries);
    return { rootExists: true, entries, source: `API listing of the ${dirs.size} director${dirs.size === 1 ? 'y' : 'ies'} written (${pages} page${pages === 1 ? '' : 's'})` };
  }

  /** The tree listing has no sizes nor update times: these directories are read page by page for them (drift). */
  private async details(dirs: ReadonlySet<string>, entries: Map<string, RemoteEntry>): Promise<number> {
    return this.readDirectories([...dirs].filter((dir) => dir === '' || entries.get(dir)?.kind === 'dir'), entries);
  }

  /** These directories (relative to the remote root), a few at a time, their items added to `entries`; resolves with the pages read. */
  private async readDirectories(dirs: readonly string[], entries: Map<string, RemoteEntry>): Promise<number> {
    const { paths } = this.deps.session;
    const listed = await mapLimit(dirs.map((dir) => paths.logical(dir, 'list')), PARALLEL_DIRECTORIES, (dir) => this.readDirectory(dir, ''));
    for (const { items } of listed) for (const item of items) this.record(item, entries);
    return listed.reduce((sum, { pages }) => sum + pages, 0);
  }

  /** Everything under `root`, level by level, a few directories at a time; resolves with the pages read. */
  private async walk(root: string, entries: Map<string, RemoteEntry>): Promise<number> {
    let pages = 0;
    for (let level = [root]; level.length > 0;) {
      const listed = await mapLimit(level, PARALLEL_DIRECTORIES, (dir) => this.readDirectory(dir, ''));
      level = [];
      for (const { items, pages: read } of listed) {
        pages += read;
        for (const item of items) {
          const logical = this.record(item, entries);
          if (item.kind === 'dir' && logical !== undefined) level.push(logical);
        }
      }
    }
    return pages;
  }

  /** Adds a listed item under the remote root to the index; returns its logical name. */
  private record(item: ListedItem, entries: Map<string, RemoteEntry>): string | undefined {
    const { paths } = this.deps.session;
    const logical = paths.logicalOf(item.fullName);
    const path = paths.relativeOf(item.fullName);
    if (logical === undefined || (path === undefined && logical !== paths.remoteRoot)) {
      throw new RemoteError('protocol', 'list', `list: the server listed ${item.fullName}, which is outside the remote root ${paths.storageName(paths.remoteRoot, 'dir')}`, { endpoint: this.deps.endpoint });
    }
    if (path === undefined) return undefined;
    entries.set(path, {
      path, kind: item.kind, ...(item.size === undefined ? {} : { size: item.size }), ...(item.updateTime === undefined ? {} : { updateTime: item.updateTime }),
    });
    this.deps.kinds.set(logical, item.kind);
    return logical;
  }

  private malformed(what: string): RemoteError {
    return new RemoteError('protocol', 'list', `list: ${what} from ${this.deps.endpoint} has an unexpected shape`, { endpoint: this.deps.endpoint });
  }
}
