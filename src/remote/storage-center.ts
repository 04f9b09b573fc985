// The ResourceCenter adapter for the generations that address resources by absolute storage path (3.2, 3.3):
// no ids, parents created implicitly, recursive deletes, renames by PUT /resources. The per-generation
// differences come in a StorageDialect (v32.ts, v33.ts); paths, reading, errors and the currentDir check
// live in the storage-*.ts modules next to this one. This file does the writes.
import type { Capabilities } from '../core/capabilities.js';
import type { RemoteIndex } from '../core/remote-index.js';
import type { ListOptions, ResourceCenter, UploadContent } from './port.js';
import { RemoteError } from './errors.js';
import { expectData } from './envelope.js';
import { createHttp, outcomeUnknown, type Credentials, type DsHttp, type HttpRequest } from './http.js';
import { encodeMultipart } from './multipart.js';
import { nameOf, parentFullName } from './remote-path.js';
import { failureOf, refine, wrongKind } from './storage-errors.js';
import { CurrentDirCheck, misplaced } from './storage-guard.js';
import { KindIndex } from './storage-kinds.js';
import type { Kind } from './storage-path.js';
import { StorageReader } from './storage-reader.js';
import { openSession, type Session, type StorageDialect } from './storage-session.js';

export interface StorageOptions {
  baseUrl: string;
  auth: Credentials;
  /** '/gitlab' inside the tenant's resource directory, '/' for all of it, or an absolute full name inside it. */
  remoteRoot: string;
  /** DOLPS_TENANT; must be the login user's tenant when the server reports one. */
  tenant?: string;
  timeoutMs: number;
  retries: number;
  logger?: (line: string) => void;
  /** A client already authenticated (e.g. by generation detection); its owner closes it. */
  http?: DsHttp;
  backoffMs?: number;
}

export class StorageResourceCenter implements ResourceCenter {
  readonly capabilities: Capabilities;
  private readonly http: DsHttp;
  private readonly ownsHttp: boolean;
  private readonly log: (line: string) => void;
  private readonly kinds = new KindIndex();
  private session: Session | undefined;
  private opening: Promise<Session> | undefined;
  private check: CurrentDirCheck | undefined;
  private reader: StorageReader | undefined;

  constructor(private readonly dialect: StorageDialect, private readonly options: StorageOptions) {
    this.capabilities = dialect.capabilities;
    this.ownsHttp = options.http === undefined;
    this.http = options.http ?? createHttp(options);
    this.log = options.logger ?? (() => {});
  }

  describe(): string {
    const where = `DolphinScheduler ${this.dialect.generation} API at ${this.http.endpoint}`;
    const s = this.session;
    if (s === undefined) return `${where}, remote root ${this.options.remoteRoot} in the user's tenant resource directory`;
    return `${where}, remote root ${s.paths.storageName(s.paths.remoteRoot, 'dir')}, user ${s.user.name}, tenant ${s.tenant}`;
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
    return this.requireReader().list(options.withSizes);
  }

  async mkdir(path: string): Promise<void> {
    const { paths } = await this.ready();
    // The remote root's parents are created with it (Hadoop mkdirs); the tenant directory needs nothing.
    if (path === '' && paths.remoteRoot === '/') return;
    const logical = path === '' ? paths.remoteRoot : this.logical(path, 'mkdir');
    await this.createGuarded('mkdir', logical, 'dir', async () => {
      try {
        await this.createReconciled('mkdir', logical, 'dir', async () => {
          await this.call({
            method: 'POST', url: 'resources/directory', op: 'mkdir', path: paths.storageName(logical, 'dir'),
            form: { type: 'FILE', name: nameOf(logical), currentDir: this.currentDir(logical), ...this.dialect.mkdirParams },
          });
        }, async () => {});
        return true;
      } catch (error) {
        if (failureOf(error, this.dialect.generation) !== 'exists') throw error;
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

  async create(path: string, content: UploadContent): Promise<void> {
    const { paths } = await this.ready();
    const logical = this.logical(path, 'create');
    const fullName = paths.storageName(logical, 'file');
    await this.createGuarded('create', logical, 'file', async () => {
      await this.createReconciled('create', logical, 'file', async () => {
        await this.call({
          method: 'POST', url: 'resources', op: 'create', path: fullName,
          multipart: () => upload([['type', 'FILE'], ['name', nameOf(logical)], ['currentDir', this.currentDir(logical)]], logical, content),
        });
      }, () => this.replaceContent(logical, content));
      return true;
    });
  }

  async update(path: string, content: UploadContent): Promise<void> {
    await this.ready();
    const logical = this.logical(path, 'update');
    if (this.kinds.get(logical) === 'dir') throw wrongKind('update', this.fullName(logical, 'dir'), 'dir');
    await this.replaceContent(logical, content);
  }

  async rename(from: string, to: string): Promise<void> {
    const { tenant } = await this.ready();
    const source = this.logical(from, 'rename');
    const target = this.logical(to, 'rename');
    const kind = await this.require(source, 'rename');
    const sourceName = this.fullName(source, kind);
    if (parentFullName(source) !== parentFullName(target)) {
      throw new RemoteError('rejected', 'rename', `rename ${sourceName} to ${this.fullName(target, kind)}: DolphinScheduler renames only within one directory`, { path: sourceName });
    }
    try {
      // PUT /resources without `file` renames (3.2 updateResource: copy + delete; 3.3 renameFile/renameDirectory,
      // chosen by whether `name` has an extension).
      await this.call({
        method: 'PUT', url: 'resources', op: 'rename', path: sourceName,
        form: { fullName: sourceName, name: nameOf(target), ...this.dialect.putParams(tenant) },
      });
    } catch (error) {
      const failure = failureOf(error, this.dialect.generation);
      if (failure !== 'notFound' && failure !== 'statFailed') throw error;
      // The HTTP layer replays a PUT whose answer was lost; the replay then finds the source gone.
      if (await this.stat(source) !== undefined || await this.stat(target) !== kind) throw error;
      this.log(`rename ${sourceName}: the source is gone and the target is there; an earlier attempt landed`);
    }
    this.kinds.move(source, target);
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
      if (failureOf(error, this.dialect.generation) !== 'notFound') throw error;
    }
    this.kinds.forget(logical);
  }

  async download(path: string): Promise<Buffer> {
    await this.ready();
    const logical = this.logical(path, 'download');
    const fullName = this.fullName(logical, 'file');
    const answer = await this.http.send({ method: 'GET', url: 'resources/download', searchParams: { fullName }, download: true, op: 'download', path: fullName });
    // The raw file with Content-Disposition; 3.2's controller answers HTTP 400 "resource not exist" for a null
    // resource; other failures are a JSON result with HTTP 200 (ApiExceptionHandler).
    if (answer.status === 200 && answer.headers['content-disposition'] !== undefined) return answer.body;
    if (answer.status === 400) {
      throw new RemoteError('notFound', 'download', `download ${fullName}: the server says "resource not exist" (HTTP 400)`, { path: fullName, httpStatus: 400, endpoint: this.http.endpoint });
    }
    try {
      expectData(answer, this.context('download', fullName));
    } catch (error) {
      // 3.2 says the same for a missing file and a storage failure: read back which it is.
      if (failureOf(error, this.dialect.generation) === 'downloadFailed' && await this.stat(logical) === undefined) {
        throw new RemoteError('notFound', 'download', `download ${fullName}: not found on the server`, { path: fullName, endpoint: this.http.endpoint });
      }
      throw refine(error, this.dialect.generation);
    }
    throw new RemoteError('protocol', 'download', `download ${fullName}: the server answered without a file`, { path: fullName, httpStatus: answer.status, endpoint: this.http.endpoint });
  }

  async close(): Promise<void> {
    if (this.ownsHttp) this.http.close();
  }

  // --- connection -----------------------------------------------------------------------------------

  private ready(): Promise<Session> {
    if (this.session !== undefined) return Promise.resolve(this.session);
    this.opening ??= (async () => {
      await this.http.authenticate();
      const session = await openSession((request) => this.call(request), this.dialect, {
        remoteRoot: this.options.remoteRoot, tenant: this.options.tenant, endpoint: this.http.endpoint,
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

  /**
   * Runs a create-like POST. When its answer is lost (reset, timeout, 5xx) it may have landed, so the path is
   * read back: there, `existing` finishes the job; absent, the POST is sent again (at most `retries` times).
   * "Already exists" after such a loss means our earlier attempt landed.
   */
  private async createReconciled(op: string, logical: string, kind: Kind, post: () => Promise<void>, existing: () => Promise<void>): Promise<void> {
    const fullName = this.fullName(logical, kind);
    let lost = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await post();
      } catch (error) {
        if (!outcomeUnknown(error) && !(lost && failureOf(error, this.dialect.generation) === 'exists')) throw error;
        lost = true;
        const found = await this.stat(logical);
        if (found !== undefined) {
          if (found !== kind) throw wrongKind(op, this.fullName(logical, found), found);
          this.log(`${op} ${fullName}: the answer was lost but the resource is there; finishing with what is there`);
          return existing();
        }
        if (attempt >= this.options.retries) throw error;
        this.log(`${op} ${fullName}: the answer was lost and the resource is not there; sending it again`);
      }
    }
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
      if (failureOf(error, this.dialect.generation) === 'statFailed' && await this.stat(logical) === undefined) {
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
    if (kind === undefined) throw new RemoteError('notFound', op, `${op} ${this.fullName(logical, 'file')}: not found on the server`, { path: this.fullName(logical, 'file') });
    return kind;
  }

  /** The logical name of a path under the remote root; never the root itself, never outside it. */
  private logical(path: string, op: string): string {
    const { paths } = this.requireSession();
    if (path === '') {
      const root = paths.storageName(paths.remoteRoot, 'dir');
      throw new RemoteError('rejected', op, `refusing to ${op} the remote root ${root} itself`, { path: root });
    }
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
      return expectData(await this.http.send(request), this.context(request.op, request.path));
    } catch (error) {
      throw refine(error, this.dialect.generation);
    }
  }

  private context(op: string, path: string | undefined) {
    return { op, path, endpoint: this.http.endpoint, auth: this.http.authKind };
  }
}

function upload(fields: Array<[string, string]>, logical: string, content: UploadContent) {
  return encodeMultipart(fields, { field: 'file', filename: nameOf(logical), size: content.size, open: content.open });
}
