// The ResourceCenter adapter for API generations 3.0 and 3.1, where resources are rows addressed by a
// numeric id (dolphinscheduler-api ResourcesController / ResourcesServiceImpl, tags 3.0.6 and 3.1.9).
// Ids come from the tree listing and from our own writes; a path we do not know is looked up by full name.
import type { Capabilities } from '../core/capabilities.js';
import type { AnsweredFacts } from '../core/file-identity.js';
import { GIB } from '../core/capabilities.js';
import type { RemoteEntry, RemoteIndex } from '../core/remote-index.js';
import type { Logger } from '../core/logger.js';
import { withDetection, type AdapterContext, type ListOptions, type OpenSink, type ResourceCenter, type UnprovenWrite, type UploadContent } from './port.js';
import { RemoteError } from './errors.js';
import { DS_STATUS } from '../dolphinscheduler/status.js';
import { expectData, isCode } from './envelope.js';
import type { DsHttp, HttpRequest } from './http.js';
import { encodeMultipart } from './multipart.js';
import { fullNameOf, nameOf, normalizeRoot, parentFullName, relativeTo, selfAndAncestors } from './remote-path.js';
import { resourceKey } from '../core/reference.js';
import { answeredFacts, flattenTree, type KnownResource } from './v31-index.js';
import { TOP_LEVEL, V31Ids } from './v31-ids.js';
import { knownOf, MetadataSource } from './v31-metadata.js';
import { fillSizes } from './v31-sizes.js';
import { describeUser, parseUser, type UserInfo } from './v31-user.js';
import { collectBytes, contentUnreadable, createReconciled, downloadInto, refuseMove, refuseRoot, wrongKind } from './write-protocol.js';

export type V31Generation = '3.0' | '3.1';

const RESOURCE_EXIST = DS_STATUS.RESOURCE_EXIST.code;
const RESOURCE_NOT_EXIST = DS_STATUS.RESOURCE_NOT_EXIST.code;
const DOWNLOAD_FAILED = DS_STATUS.DOWNLOAD_RESOURCE_FILE_ERROR.code;

export function v31Capabilities(generation: V31Generation): Capabilities {
  return {
    generation,
    renameKeepsIdentity: true,
    canRename: true,
    implicitParents: false,
    // 3.1.0 added the RESOURCE_HAS_FOLDER (20018) refusal to delete (#11519); 3.0 deletes recursively.
    recursiveDelete: generation === '3.0',
    emptyFiles: false,
    fileNeedsExtension: false,
    dirNameMayHaveDot: true,
    maxNameLength: 64,
    maxFullNameLength: 128,
    maxFileSize: GIB,
    forbiddenInPath: [],
    keepsResourceTable: true,
  };
}

export function createV31Client(generation: V31Generation, context: AdapterContext): ResourceCenter {
  return new V31ResourceCenter(generation, context);
}

class V31ResourceCenter implements ResourceCenter {
  readonly capabilities: Capabilities;
  private readonly http: DsHttp;
  private readonly root: string;
  private readonly ids: V31Ids;
  private readonly metadata: MetadataSource | undefined;
  private readonly logger: Logger;
  private user: UserInfo | undefined;
  private rootCreation: Promise<void> | undefined;

  constructor(private readonly generation: V31Generation, private readonly context: AdapterContext) {
    this.capabilities = v31Capabilities(generation);
    this.root = normalizeRoot(context.remoteRoot);
    this.http = context.http;
    this.logger = context.logger;
    this.metadata = context.metadata === undefined ? undefined : new MetadataSource(context.metadata);
    this.ids = new V31Ids((request) => this.call(request), this.logger, this.metadata);
  }

  describe(): string {
    const who = this.user === undefined ? '' : `, ${describeUser(this.user)}`;
    return withDetection(`DolphinScheduler ${this.generation} API at ${this.http.endpoint}, remote root ${this.root}${who}`, this.context);
  }

  fullNameLength(path: string): number {
    // Java's String.length() counts UTF-16 code units, as JavaScript does (ResourcesServiceImpl: fullName.length() > 128).
    return fullNameOf(this.root, path, 'measure').length;
  }

  async connect(): Promise<void> {
    await this.http.authenticate();
    this.user = parseUser(await this.call({ method: 'GET', url: 'users/get-user-info', op: 'connect' }));
    if (!this.user.hasTenant) {
      this.logger.warn(`DolphinScheduler user "${this.user.name}" has no tenant; every upload will be refused (code 10181) until one is assigned`);
    }
  }

  // With the metadata database: one query gives ids, kinds and sizes (sizes of files only; a directory's is a sum).
  async list(options: ListOptions): Promise<RemoteIndex> {
    const rows = await this.metadata?.listing(this.root, (fullName) => this.ids.fetchByFullName(fullName));
    if (this.metadata !== undefined && rows !== undefined) {
      const { rootEntry, entries, dirIds } = this.remember(new Map(rows.map((row) => [row.fullName, knownOf(row)])));
      for (const row of rows) {
        const path = relativeTo(this.root, row.fullName);
        const entry = path === undefined ? undefined : entries.get(path);
        if (entry?.kind === 'file' && row.size !== null) entry.size = row.size;
      }
      // The rows have sizes: only the directories asked for with update times are read page by page.
      const pages = await this.fillDetails(rootEntry, dirIds, entries, { withSizes: false, detailsIn: options.detailsIn });
      return { rootExists: rootEntry !== undefined, entries, source: `${this.metadata.source}${pagesNote(pages)}` };
    }
    const tree = flattenTree(await this.call({ method: 'GET', url: 'resources/list', searchParams: { type: 'FILE' }, op: 'list' }));
    if (tree === undefined) throw new RemoteError('protocol', 'list', `list: the resource tree from ${this.http.endpoint} has an unexpected shape`, { endpoint: this.http.endpoint });
    const { rootEntry, entries, dirIds } = this.remember(tree);
    const pages = await this.fillDetails(rootEntry, dirIds, entries, options);
    return { rootExists: rootEntry !== undefined, entries, source: `API tree listing${pagesNote(pages)}` };
  }

  /**
   * Sizes and update times from the paged listing of every directory (withSizes), or only of those in
   * `detailsIn` (drift); resolves with the pages read. The metadata rows have no update time.
   */
  private async fillDetails(rootEntry: KnownResource | undefined, dirIds: number[], entries: Map<string, RemoteEntry>, options: ListOptions): Promise<number> {
    if (rootEntry === undefined) return 0;
    const wanted = options.withSizes ? dirIds : [...options.detailsIn ?? []].flatMap((dir) => {
      const known = dir === '' ? rootEntry : this.ids.index.get(fullNameOf(this.root, dir, 'list'));
      return known?.kind === 'dir' ? [known.id] : [];
    });
    if (wanted.length === 0) return 0;
    return fillSizes(this.root, wanted, entries, (id, pageNo, pageSize) => this.call({
      method: 'GET', url: 'resources', searchParams: { type: 'FILE', id, pageNo, pageSize }, op: 'list',
    }));
  }

  /** Replaces what the adapter knows with a listing; the entries under the remote root and its directories' ids. */
  private remember(tree: ReadonlyMap<string, KnownResource>): { rootEntry: KnownResource | undefined; entries: Map<string, RemoteEntry>; dirIds: number[] } {
    this.ids.index.clear();
    for (const [fullName, resource] of tree) this.ids.index.set(fullName, resource);
    const rootEntry = this.root === '/' ? TOP_LEVEL : tree.get(this.root);
    if (rootEntry?.kind === 'file') throw new RemoteError('rejected', 'list', `the remote root ${this.root} is a file on the server, not a directory`, { path: this.root });
    const entries = new Map<string, RemoteEntry>();
    const dirIds = rootEntry === undefined ? [] : [rootEntry.id];
    for (const [fullName, resource] of tree) {
      const path = relativeTo(this.root, fullName);
      if (path === undefined) continue;
      entries.set(path, { path, kind: resource.kind });
      if (resource.kind === 'dir') dirIds.push(resource.id);
    }
    return { rootEntry, entries, dirIds };
  }

  async mkdir(path: string): Promise<void> {
    if (path === '') {
      this.rootCreation ??= this.makeRoot().finally(() => { this.rootCreation = undefined; });
      return this.rootCreation;
    }
    await this.makeDirectory(this.fullName(path, 'mkdir'));
  }

  /**
   * The facts come from the POST's answer only: a create whose answer was lost and that is finished with what
   * is there resolves with none (the marker lists its directory), whatever the PUT that finished it answered.
   */
  async create(path: string, content: UploadContent): Promise<AnsweredFacts | undefined> {
    const fullName = this.fullName(path, 'create');
    const currentDir = parentFullName(fullName);
    const pid = await this.ids.parentId(fullName, 'create');
    let answered: AnsweredFacts | undefined;
    await createReconciled({
      ...this.reconciling('create', fullName, 'file'),
      post: async () => {
        const data = await this.call({
          method: 'POST', url: 'resources', op: 'create', path: fullName,
          multipart: () => this.uploadBody([['type', this.http.resourceType ?? 'FILE'], ['name', nameOf(fullName)], ['description', ''], ['pid', String(pid)], ['currentDir', currentDir]], fullName, content),
        });
        const proved = this.ids.rememberCreated(fullName, 'file', data);
        if (proved) answered = answeredFacts(data, fullName);
        return proved;
      },
      finish: async (found) => { await this.replaceContent(fullName, found, content); },
    });
    return answered;
  }

  async update(path: string, content: UploadContent): Promise<AnsweredFacts | undefined> {
    const fullName = this.fullName(path, 'update');
    const known = await this.ids.require(fullName, 'file', 'update');
    try {
      return await this.replaceContent(fullName, known, content);
    } catch (error) {
      // ResourcesServiceImpl.updateResource (3.0.6, 3.1.9) answers 20004 when the row is there but its storage file
      // is not (storageOperate.exists); withFreshId has then looked the full name up again. Such a file can only
      // be written anew, so a full reconcile can repair it (issue 11 case 13), at the price of a new id.
      if (!isCode(error, RESOURCE_NOT_EXIST) || this.ids.index.get(fullName)?.id !== known.id) throw error;
      this.logger.warn(`update ${fullName}: the server has the resource (id ${known.id}) but not its content in storage; deleting it and uploading it again, under a new id (tasks that referenced id ${known.id} need editing)`);
      await this.remove(path, 'file');
      return this.create(path, content);
    }
  }

  async rename(from: string, to: string): Promise<AnsweredFacts | undefined> {
    const source = this.fullName(from, 'rename');
    const target = this.fullName(to, 'rename');
    refuseMove(parentFullName(source), parentFullName(target), source, target);
    const known = await this.ids.require(source, undefined, 'rename');
    // PUT /resources/{id} without `file` renames in place (same id); `description` must be non-null (3.1: NPE -> 10055).
    // Its answer is the renamed Resource: the row's size, and the rename's time as its update time.
    const data = await this.ids.withFreshId('rename', source, known, (id) => this.call({
      method: 'PUT', url: `resources/${id}`, op: 'rename', path: source,
      form: { type: 'FILE', name: nameOf(target), description: known.description },
    }));
    this.ids.index.move(source, target);
    return answeredFacts(data, target);
  }

  async referenceKey(path: string): Promise<string | undefined> {
    const known = await this.ids.resolve(this.fullName(path, 'reference'));
    return known === undefined ? undefined : resourceKey('id', known.id);
  }

  async remove(path: string, kind: 'file' | 'dir'): Promise<void> {
    const fullName = this.fullName(path, 'delete');
    const known = await this.ids.resolve(fullName);
    if (known === undefined) return;
    if (known.kind !== kind) throw wrongKind('delete', fullName, known.kind);
    try {
      await this.ids.withFreshId('delete', fullName, known, (id) => this.call({ method: 'DELETE', url: `resources/${id}`, op: 'delete', path: fullName }));
    } catch (error) {
      if (!isCode(error, RESOURCE_NOT_EXIST)) throw error;
    }
    this.ids.index.forget(fullName);
  }

  download(path: string): Promise<Buffer> {
    return collectBytes((openSink) => this.downloadTo(path, openSink));
  }

  async downloadTo(path: string, openSink: OpenSink): Promise<void> {
    const fullName = this.fullName(path, 'download');
    const known = await this.ids.require(fullName, 'file', 'download');
    // An unknown id is HTTP 400 "resource not exist", which withFreshId answers with a lookup by full name.
    await this.ids.withFreshId('download', fullName, known, (id) => this.http.receive(
      { method: 'GET', url: `resources/${id}/download`, download: true, op: 'download', path: fullName },
      (answer) => downloadInto(answer, openSink, this.where('download', fullName), async (refusal) =>
        // A row whose storage file is gone: ResourcesServiceImpl.downloadResource (3.0.6, 3.1.9) fails in
        // storageOperate.download, and ApiExceptionHandler answers DOWNLOAD_RESOURCE_FILE_ERROR (10064).
        (refusal instanceof RemoteError && isCode(refusal, DOWNLOAD_FAILED) ? contentUnreadable(refusal) : refusal)),
    ));
  }

  /** 3.0/3.1 answer a create with the new resource, and an answer without it is read back at once: nothing waits. */
  async confirmWrites(): Promise<UnprovenWrite[]> {
    return [];
  }

  async close(): Promise<void> {
    await this.metadata?.close();
  }

  // --- directories -------------------------------------------------------------------------------

  private async makeRoot(): Promise<void> {
    for (const fullName of selfAndAncestors(this.root)) {
      const found = await this.ids.resolve(fullName);
      if (found === undefined) await this.makeDirectory(fullName);
      else if (found.kind !== 'dir') throw wrongKind('mkdir', fullName, found.kind);
    }
  }

  // POST /resources/directory: `pid` addresses the parent (-1 = top level) and `currentDir` is the parent's
  // full name; the server checks only `pid` (20015) and builds the full name from `currentDir`, so both must agree.
  private async makeDirectory(fullName: string): Promise<void> {
    const pid = await this.ids.parentId(fullName, 'mkdir');
    const form = { type: 'FILE', name: nameOf(fullName), pid, currentDir: parentFullName(fullName), description: '' };
    try {
      await createReconciled({
        ...this.reconciling('mkdir', fullName, 'dir'),
        post: async () => this.ids.rememberCreated(fullName, 'dir', await this.call({ method: 'POST', url: 'resources/directory', form, op: 'mkdir', path: fullName })),
        finish: async () => {},
      });
    } catch (error) {
      // A directory that is already there is what mkdir wants (someone else, or a parallel run, made it).
      if (!isCode(error, RESOURCE_EXIST) || (await this.ids.lookup(fullName))?.kind !== 'dir') throw error;
    }
  }

  /**
   * The 3.0/3.1 side of the write protocol: a create's answer proves it when it carries the new resource
   * (v31-ids.ts rememberCreated); otherwise, and after a lost answer, read back by full name (the server's
   * word, never the database's).
   */
  private reconciling(op: string, fullName: string, kind: 'file' | 'dir') {
    return {
      op, fullName, kind, retries: this.context.retries, logger: this.logger,
      isExists: (error: unknown) => isCode(error, RESOURCE_EXIST),
      readBack: () => this.ids.lookup(fullName),
    };
  }

  // --- files ---------------------------------------------------------------------------------------

  // PUT /resources/{id} multipart with `file` re-uploads in place: same id, so tasks that reference it keep
  // working (ResourcesServiceImpl.updateResource). `name` stays the current name; `description` is sent back.
  private async replaceContent(fullName: string, known: KnownResource, content: UploadContent): Promise<AnsweredFacts | undefined> {
    const data = await this.ids.withFreshId('update', fullName, known, (id) => this.call({
      method: 'PUT', url: `resources/${id}`, op: 'update', path: fullName,
      multipart: () => this.uploadBody([['type', this.http.resourceType ?? 'FILE'], ['name', nameOf(fullName)], ['description', known.description]], fullName, content),
    }));
    return answeredFacts(data, fullName);
  }

  private uploadBody(fields: Array<[string, string]>, fullName: string, content: UploadContent) {
    // The part's filename is the resource name: the server compares their extensions (verifyFile, 20008).
    return encodeMultipart(fields, { field: 'file', filename: nameOf(fullName), size: content.size, open: content.open });
  }

  // --- plumbing ------------------------------------------------------------------------------------------

  private fullName(path: string, op: string): string {
    refuseRoot(path, op, this.root);
    return fullNameOf(this.root, path, op);
  }

  private async call(request: HttpRequest): Promise<unknown> {
    return expectData(await this.http.send(request), this.where(request.op, request.path));
  }

  private where<P extends string | undefined>(op: string, path: P) {
    return { op, path, endpoint: this.http.endpoint, auth: this.http.authKind };
  }
}

function pagesNote(pages: number): string {
  return pages === 0 ? '' : ` and ${pages} directory page${pages === 1 ? '' : 's'}`;
}
