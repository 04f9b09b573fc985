// The ResourceCenter adapter for the generations that address resources by absolute storage path (3.2, 3.3):
// no ids, parents created implicitly, recursive deletes, renames by PUT /resources. The per-generation
// differences come in a StorageDialect (v32.ts, v33.ts); paths, reading, errors and the currentDir check
// live in the storage-*.ts modules next to this one. This file does the writes.
import type { Capabilities } from '../core/capabilities.js';
import type { Logger } from '../core/logger.js';
import { resourceKey } from '../core/reference.js';
import type { RemoteIndex } from '../core/remote-index.js';
import { withDetection, type AdapterContext, type CreateOptions, type ListOptions, type OpenSink, type ResourceCenter, type UnprovenWrite, type UploadContent } from './port.js';
import { RemoteError } from './errors.js';
import { expectData } from './envelope.js';
import type { DsHttp, HttpRequest } from './http.js';
import { encodeMultipart } from './multipart.js';
import { PathIndex } from './path-index.js';
import { nameOf, parentFullName } from './remote-path.js';
import { failureOf, refine } from './storage-errors.js';
import { CurrentDirCheck, misplaced } from './storage-guard.js';
import type { Kind } from './storage-path.js';
import { StorageReader } from './storage-reader.js';
import { openSession, type Session, type StorageDialect } from './storage-session.js';
import { collectBytes, contentUnreadable, createReconciled, downloadInto, notFound, notThereAfterSuccess, refuseMove, refuseRoot, wrongKind } from './write-protocol.js';

export class StorageResourceCenter implements ResourceCenter {
  readonly capabilities: Capabilities;
  private readonly http: DsHttp;
  private readonly logger: Logger;
  private readonly kinds = new PathIndex<Kind>();
  private session: Session | undefined;
  private opening: Promise<Session> | undefined;
  private check: CurrentDirCheck | undefined;
  private reader: StorageReader | undefined;
  /** Creates answered with success that no read-back proved yet (CreateOptions.deferProof): logical name → path. */
  private readonly unproven = new Map<string, string>();

  constructor(private readonly dialect: StorageDialect, private readonly context: AdapterContext) {
    this.capabilities = dialect.capabilities;
    this.http = context.http;
    this.logger = context.logger;
  }

  describe(): string {
    const where = `DolphinScheduler ${this.capabilities.generation} API at ${this.http.endpoint}`;
    const s = this.session;
    const line = s === undefined
      ? `${where}, remote root ${this.context.remoteRoot} in the user's tenant resource directory`
      : `${where}, remote root ${s.paths.storageName(s.paths.remoteRoot, 'dir')}, user ${s.user.name}, tenant ${s.tenant}`;
    return withDetection(line, this.context);
  }

  fullNameLength(path: string): number {
    // 3.2 checks currentDir + name against 128 (ResourcesServiceImpl.uploadResource): the absolute name, in
    // UTF-16 code units as Java's String.length() and JavaScript count them.
    const paths = this.session?.paths;
    if (paths === undefined) throw new Error('fullNameLength needs the tenant resource directory: call connect() first');
    return paths.storageName(paths.logical(path, 'measure'), 'file').length;
  }

  async connect(): Promise<void> {
    await this.ready();
  }

  async list(options: ListOptions): Promise<RemoteIndex> {
    await this.ready();
    return this.requireReader().list(options.withSizes, options.detailsIn, options.detailsOnly === true);
  }

  async mkdir(path: string): Promise<void> {
    const { paths } = await this.ready();
    // The remote root's parents are created with it (Hadoop mkdirs); the tenant directory needs nothing.
    if (path === '' && paths.remoteRoot === '/') return;
    const logical = path === '' ? paths.remoteRoot : this.logical(path, 'mkdir');
    await this.createGuarded('mkdir', logical, 'dir', async () => {
      try {
        await createReconciled({
          ...this.reconciling('mkdir', logical, 'dir'),
          post: async () => {
            await this.call({
              method: 'POST', url: 'resources/directory', op: 'mkdir', path: paths.storageName(logical, 'dir'),
              form: { type: 'FILE', name: nameOf(logical), currentDir: this.currentDir(logical), ...this.dialect.mkdirParams },
            });
            // Taken at its word: the files written into it are read back, and 3.2/3.3 create missing parents with them.
            return true;
          },
          finish: async () => {},
        });
        return true;
      } catch (error) {
        if (this.failure(error) !== 'exists') throw error;
        // Someone (or a parallel run) made it already: what mkdir wants, if it is a directory, here.
        const found = await this.stat(logical);
        if (found === 'dir') return false;
        if (found === 'file') throw wrongKind('mkdir', paths.storageName(logical, 'file'), 'file');
        // "Exists", yet not here: a 3.2.0/3.2.1 server looked somewhere else than currentDir says.
        if (!this.dialect.guardsCurrentDir || !(error instanceof RemoteError)) throw error;
        throw misplaced(await this.landed('mkdir', logical, 'dir') ?? error);
      }
    });
  }

  // create, update and rename resolve with undefined: 3.2/3.3 answer a write with `data: null`, so the file's
  // size and update time are learnt from a listing (the port's create).
  async create(path: string, content: UploadContent, options: CreateOptions = {}): Promise<undefined> {
    const { paths } = await this.ready();
    const logical = this.logical(path, 'create');
    const fullName = paths.storageName(logical, 'file');
    await this.createGuarded('create', logical, 'file', async () => {
      await createReconciled({
        ...this.reconciling('create', logical, 'file'),
        // Read back later with its directory's other creates (confirmWrites), not with a request of its own.
        ...(options.deferProof ? { defer: () => { this.unproven.set(logical, path); } } : {}),
        post: async () => {
          await this.call({
            method: 'POST', url: 'resources', op: 'create', path: fullName,
            multipart: () => upload([['type', this.http.resourceType ?? 'FILE'], ['name', nameOf(logical)], ['currentDir', this.currentDir(logical)]], logical, content),
          });
          // The answer carries no resource: 3.2.2 ResourcesServiceImpl.uploadResource puts SUCCESS and no data,
          // dev ResourcesController.createFile answers Result.success(). Only reading the path back proves it.
          return false;
        },
        finish: () => this.replaceContent(logical, content),
      });
      return true;
    });
  }

  /**
   * The creates answered `data: null` and kept unproven, read back through one listing per directory (all
   * pages): those not listed are not written. 3.2's currentDir check already proved where sub-directory
   * writes land (storage-guard.ts), so a missing file here is simply not there.
   */
  async confirmWrites(): Promise<UnprovenWrite[]> {
    const pending = new Map(this.unproven);
    this.unproven.clear();
    if (pending.size === 0) return [];
    const absent = await this.requireReader().absentFiles([...pending.keys()]);
    return absent.map(({ logical, failure }) => {
      this.kinds.forget(logical);
      const fullName = this.fullName(logical, 'file');
      if (failure === undefined) return { path: pending.get(logical) ?? logical, error: notThereAfterSuccess('create', fullName, 'file') };
      const why = failure instanceof Error ? failure.message : String(failure);
      const error = new RemoteError(failure instanceof RemoteError ? failure.kind : 'protocol', 'create',
        `create ${fullName}: the server answered success, but reading it back failed (${why}); it is not counted as written (the marker does not move)`, { path: fullName });
      return { path: pending.get(logical) ?? logical, error };
    });
  }

  async update(path: string, content: UploadContent): Promise<undefined> {
    await this.ready();
    const logical = this.logical(path, 'update');
    if (this.kinds.get(logical) === 'dir') throw wrongKind('update', this.fullName(logical, 'dir'), 'dir');
    await this.replaceContent(logical, content);
  }

  async rename(from: string, to: string): Promise<undefined> {
    const { tenant } = await this.ready();
    const source = this.logical(from, 'rename');
    const target = this.logical(to, 'rename');
    const kind = await this.require(source, 'rename');
    const sourceName = this.fullName(source, kind);
    refuseMove(parentFullName(source), parentFullName(target), sourceName, this.fullName(target, kind));
    try {
      // PUT /resources without `file` renames (3.2 updateResource: copy + delete; 3.3 renameFile/renameDirectory,
      // chosen by whether `name` has an extension).
      await this.call({
        method: 'PUT', url: 'resources', op: 'rename', path: sourceName,
        form: { fullName: sourceName, name: nameOf(target), ...this.dialect.putParams(tenant) },
      });
    } catch (error) {
      const failure = this.failure(error);
      if (failure !== 'notFound' && failure !== 'statFailed') throw error;
      // The HTTP layer replays a PUT whose answer was lost; the replay then finds the source gone.
      if (await this.stat(source) !== undefined || await this.stat(target) !== kind) throw error;
      this.logger.debug(`rename ${sourceName}: the source is gone and the target is there; an earlier attempt landed`);
    }
    this.kinds.move(source, target);
  }

  async referenceKey(path: string): Promise<string | undefined> {
    await this.ready();
    const logical = this.logical(path, 'reference');
    if ((this.kinds.get(logical) ?? await this.stat(logical)) !== 'file') return undefined;
    // Tasks store the name the server gave the file (ResourceInfo.resourceName): the tenant directory + path.
    return resourceKey('storage-path', this.fullName(logical, 'file'));
  }

  async remove(path: string, kind: 'file' | 'dir'): Promise<void> {
    const { tenant } = await this.ready();
    const logical = this.logical(path, 'delete');
    const known = this.kinds.get(logical) ?? await this.stat(logical);
    if (known === undefined) return;
    if (known !== kind) throw wrongKind('delete', this.fullName(logical, known), known);
    const fullName = this.fullName(logical, kind);
    try {
      // Recursive for directories (3.2 HdfsStorageOperator.delete(path, children, true); 3.3 delete(path, true)).
      await this.call({ method: 'DELETE', url: 'resources', op: 'delete', path: fullName, searchParams: { fullName, ...this.dialect.tenantParams(tenant) } });
    } catch (error) {
      if (this.failure(error) !== 'notFound') throw error;
    }
    this.kinds.forget(logical);
  }

  download(path: string): Promise<Buffer> {
    return collectBytes((openSink) => this.downloadTo(path, openSink));
  }

  async downloadTo(path: string, openSink: OpenSink): Promise<void> {
    await this.ready();
    const logical = this.logical(path, 'download');
    const fullName = this.fullName(logical, 'file');
    const request = { method: 'GET', url: 'resources/download', searchParams: { fullName }, download: true, op: 'download', path: fullName } as const;
    // 3.2's controller answers HTTP 400 "resource not exist" for a null resource.
    await this.http.receive(request, (answer) => downloadInto(answer, openSink, this.where('download', fullName), async (refusal) => {
      // 3.2 says the same for a missing file and a storage failure, 3.3 for any failure to read it: read back which it is.
      if (this.failure(refusal) !== 'downloadFailed') return refine(refusal, this.dialect.refusals);
      if (await this.stat(logical) === undefined) {
        return new RemoteError('notFound', 'download', `download ${fullName}: not found on the server`, { path: fullName, endpoint: this.http.endpoint });
      }
      const refined = refine(refusal, this.dialect.refusals);
      return refined instanceof RemoteError ? contentUnreadable(refined) : refined;
    }));
  }

  async close(): Promise<void> {
    // Nothing of its own to release: the HTTP client is the caller's.
  }

  // --- connection -----------------------------------------------------------------------------------

  private ready(): Promise<Session> {
    if (this.session !== undefined) return Promise.resolve(this.session);
    this.opening ??= (async () => {
      await this.http.authenticate();
      const session = await openSession((request) => this.call(request), this.dialect, {
        remoteRoot: this.context.remoteRoot, tenant: this.context.tenant, endpoint: this.http.endpoint,
      });
      const reader = new StorageReader({
        session, dialect: this.dialect, kinds: this.kinds, call: (request) => this.call(request), endpoint: this.http.endpoint,
        note: (evidence) => this.check?.note(evidence),
      });
      this.check = new CurrentDirCheck(this.dialect.guardsCurrentDir, session.confirmed, () => reader.evidence(), (why) => this.unprovenDirectory(session, why));
      this.reader = reader;
      this.session = session;
      return session;
    })().finally(() => { this.opening = undefined; });
    return this.opening;
  }

  // --- writes ---------------------------------------------------------------------------------------------

  private currentDir(logical: string): string {
    const { paths } = this.requireSession();
    return paths.currentDir(logical, this.dialect.topLevelDir(paths));
  }

  /** A create-like write behind the currentDir check; `write` resolves true when it created the resource. */
  private async createGuarded(op: string, logical: string, kind: Kind, write: () => Promise<boolean>): Promise<void> {
    const check = this.check;
    if (check === undefined) throw new Error('not connected');
    await check.run(parentFullName(logical) !== '/', write, () => this.landed(op, logical, kind));
    this.kinds.set(logical, kind);
  }

  /** The storage side of the write protocol: read back through the listing of the parent directory. */
  private reconciling(op: string, logical: string, kind: Kind) {
    return {
      op, fullName: this.fullName(logical, kind), fullNameAs: (found: Kind) => this.fullName(logical, found), kind,
      retries: this.context.retries, logger: this.logger,
      // A 3.2.0/3.2.1 server that ignored currentDir also answers success: say where it probably went.
      ...(this.dialect.guardsCurrentDir ? { unproven: async () => misplaced(await this.landed(op, logical, kind) ?? notFound(op, this.fullName(logical, kind))) } : {}),
      isExists: (error: unknown) => this.failure(error) === 'exists',
      readBack: async () => {
        const found = await this.stat(logical);
        return found === undefined ? undefined : { kind: found };
      },
    };
  }

  // PUT /resources with `file` re-uploads in place under the same full name, which is what tasks reference
  // (3.2 updateResource with name = the current name; 3.3 updateFile). The part's filename carries the
  // name: both compare its extension with the resource's (20008 / "file extension cannot not change").
  private async replaceContent(logical: string, content: UploadContent): Promise<void> {
    const { tenant } = this.requireSession();
    const fullName = this.fullName(logical, 'file');
    const extra = Object.entries(this.dialect.putParams(tenant));
    try {
      await this.call({
        method: 'PUT', url: 'resources', op: 'update', path: fullName,
        multipart: () => upload([['fullName', fullName], ['name', nameOf(logical)], ...extra], logical, content),
      });
    } catch (error) {
      if (this.failure(error) === 'statFailed' && await this.stat(logical) === undefined) {
        throw new RemoteError('notFound', 'update', `update ${fullName}: not found on the server`, { path: fullName, endpoint: this.http.endpoint });
      }
      throw error;
    }
  }

  // --- the currentDir check ----------------------------------------------------------------------------

  // The server said the create succeeded; a 3.2.0/3.2.1 server that ignored currentDir put it at the top of
  // the login user's own resource directory instead, which is not ours (else currentDir would contain it).
  private async landed(op: string, logical: string, kind: Kind): Promise<RemoteError | undefined> {
    if (await this.stat(logical) === kind) return undefined;
    const { paths, user } = this.requireSession();
    const fullName = paths.storageName(logical, kind);
    return new RemoteError('rejected', op,
      `${op} ${fullName}: the server answered success but it is not there; it probably ignored currentDir, as DolphinScheduler 3.2.0 and 3.2.1 do (issue #16502), and stored "${nameOf(logical)}" at the top of user ${user.name}'s own resource directory: remove it there if dolps-sync put it; nothing more is written in this run`,
      { path: fullName, endpoint: this.http.endpoint });
  }

  private unprovenDirectory(session: Session, why: 'refuted' | 'unproven'): RemoteError {
    const root = `${session.paths.tenantRoot}/`;
    const message = why === 'refuted'
      ? `the server's resource directory for user ${session.user.name} is not ${root} (its listing names entries relative to another directory); refusing to write, since DolphinScheduler 3.2 would put new resources elsewhere. Check the tenant (DOLPS_TENANT) against the user's tenant`
      : `cannot confirm that ${root} is the resource directory of user ${session.user.name}: the server did not report the user's tenant and that directory lists nothing to compare with; refusing to write. Log in as a user of tenant ${session.tenant}`;
    return new RemoteError('rejected', 'connect', message, { endpoint: this.http.endpoint });
  }

  // --- plumbing ------------------------------------------------------------------------------------------

  private requireSession(): Session {
    if (this.session === undefined) throw new Error('not connected');
    return this.session;
  }

  private requireReader(): StorageReader {
    if (this.reader === undefined) throw new Error('not connected');
    return this.reader;
  }

  private stat(logical: string): Promise<Kind | undefined> {
    return this.requireReader().stat(logical);
  }

  private async require(logical: string, op: string): Promise<Kind> {
    const kind = this.kinds.get(logical) ?? await this.stat(logical);
    if (kind === undefined) throw notFound(op, this.fullName(logical, 'file'));
    return kind;
  }

  /** The logical name of a path under the remote root; never the root itself, never outside it. */
  private logical(path: string, op: string): string {
    const { paths } = this.requireSession();
    refuseRoot(path, op, paths.storageName(paths.remoteRoot, 'dir'));
    const logical = paths.logical(path, op);
    const problem = this.dialect.pathProblem(paths.storageName(logical, 'file'));
    if (problem !== undefined) {
      throw new RemoteError('rejected', op, `refusing to ${op} "${path}": ${problem}`, { path });
    }
    return logical;
  }

  private fullName(logical: string, kind: Kind): string {
    return this.requireSession().paths.storageName(logical, kind);
  }

  private async call(request: HttpRequest): Promise<unknown> {
    try {
      return expectData(await this.http.send(request), this.where(request.op, request.path));
    } catch (error) {
      throw refine(error, this.dialect.refusals);
    }
  }

  private failure(error: unknown) {
    return failureOf(error, this.dialect.refusals);
  }

  /** The absolute storage path of a directory under the remote root, ending in '/' (what 3.2 binds a UDF function by). */
  async storageDirName(path: string): Promise<string> {
    const { paths } = await this.ready();
    return paths.storageName(paths.logical(path, 'measure'), 'dir').replace(/\/?$/, '/');
  }

  private where<P extends string | undefined>(op: string, path: P) {
    return { op, path, endpoint: this.http.endpoint, auth: this.http.authKind };
  }
}

function upload(fields: Array<[string, string]>, logical: string, content: UploadContent) {
  return encodeMultipart(fields, { field: 'file', filename: nameOf(logical), size: content.size, open: content.open });
}
